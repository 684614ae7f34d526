// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.

export type Contact = { id: string, name: string, emails: Array<string>, phones: Array<string>, company: string | null, notes: string | null, created_at: string, updated_at: string, };
