// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.

export type SearchHit = { kind: "contact", id: string, title: string, subtitle: string | null, };
