// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.

export type ContactRow = { id: string, name: string, email: string | null, phone: string | null, company: string | null, };
