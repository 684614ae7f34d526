// Hand-written stand-in for a ts-rs binding (shape from the plan); replaced when the bindings are generated.
import type { ContactRow } from "./ContactRow";

export type ContactWindow = { total: number, offset: number, items: Array<ContactRow>, };
