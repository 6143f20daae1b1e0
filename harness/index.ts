// The library surface: what nwh.config.ts and external scripts import.
export { defineConfig, type NwhConfig } from "./config/schema.ts";
export type { Backend, Capability, BackendKind, StartedDistro } from "./backend.ts";
