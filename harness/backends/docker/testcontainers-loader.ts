/**
 * Loads testcontainers with Ryuk (its reaper container) off: the reaper image cannot be pulled on hosts without
 * a registry, and the harness labels and sweeps its own resources (`nwh cleanup`). Set before the first import,
 * since testcontainers reads it when it starts; an explicit TESTCONTAINERS_RYUK_DISABLED=false is respected.
 */
export async function loadTestcontainers(): Promise<typeof import("testcontainers")> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  return import("testcontainers");
}
