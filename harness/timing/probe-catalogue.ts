import { coldInstanceStartProbe, coldVmStartProbe, importAndFirstStartProbe, timeToRunningProbe, userSessionProbe } from "./boot-probes.ts";
import { shutdownProbe, terminateProbe } from "./lifecycle-probes.ts";
import type { Probe } from "./probe.ts";
import { rebuildBootProbe, rebuildSwitchProbe, rollbackProbe } from "./rebuild-probes.ts";

/** Every probe, in the order `nwh bench` runs them. */
export const ALL_PROBES: readonly Probe[] = [
  importAndFirstStartProbe,
  coldVmStartProbe,
  coldInstanceStartProbe,
  timeToRunningProbe,
  userSessionProbe,
  rebuildSwitchProbe,
  rebuildBootProbe,
  rollbackProbe,
  terminateProbe,
  shutdownProbe,
];

export function probeNames(probes: readonly Probe[] = ALL_PROBES): string[] {
  return probes.flatMap((p) => p.outputs.map((o) => o.name));
}

/**
 * The probes that produce any of `names` (`--probe`); all when `names` is empty.
 * Throws naming an unknown probe and listing the known ones.
 */
export function selectProbes(names: readonly string[], probes: readonly Probe[] = ALL_PROBES): Probe[] {
  if (names.length === 0) return [...probes];
  const known = probeNames(probes);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`unknown probe ${unknown.map((n) => `"${n}"`).join(", ")}; probes: ${known.join(", ")}`);
  return probes.filter((p) => p.outputs.some((o) => names.includes(o.name)));
}
