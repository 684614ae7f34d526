// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.

export type ErrorCode = "invalid_input" | "wrong_secret" | "recovery_code_typo" | "damaged" | "not_found" | "already_exists" | "newer_schema" | "busy" | "refused" | "locked" | "io" | "internal";
