// The library surface: what nwh.config.ts and external scripts import.
export { defineConfig, type NwhConfig } from "./config/schema.ts";
export type { Backend, Capability, BackendKind } from "./backend.ts";
