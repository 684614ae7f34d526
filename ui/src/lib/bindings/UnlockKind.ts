// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.

export type UnlockKind = "passphrase" | "recovery_code";
