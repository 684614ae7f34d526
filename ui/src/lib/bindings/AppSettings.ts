// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.
import type { VaultSummary } from "./VaultSummary";

export type AppSettings = { locale: "es" | "en" | null, auto_lock_minutes: number, recent_vaults: Array<VaultSummary>, };
