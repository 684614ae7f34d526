// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.

export type VaultSummary = { path: string, name: string, };
