// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.
import type { ErrorCode } from "./ErrorCode";

export type ApiError = { code: ErrorCode, message: string, };
