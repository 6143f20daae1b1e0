import type { StartedDistro } from "../backend.ts";
import { mustSucceed, type ProbeContext } from "./probe.ts";
import { type ClockMapping, type ClockRound, estimateClockOffset, sharedClockMapping } from "./clock-mapping.ts";

/** Round trips per mapping: the tightest bounds the offset; more cost a process call each. */
export const CLOCK_ROUNDS = 5;
/** /proc/uptime prints centiseconds. */
const UPTIME_RESOLUTION_MS = 10;

/**
 * Maps the distro's monotonic clock onto the harness's: on a backend whose distros share the host's kernel clock
 * (Docker) at once, else from CLOCK_ROUNDS reads of the distro's /proc/uptime (the VM's boot clock, which is its
 * monotonic clock while the VM never sleeps), each timed by the host.
 */
export async function mapDistroClock(ctx: ProbeContext, distro: StartedDistro, rounds = CLOCK_ROUNDS): Promise<ClockMapping> {
  if (distro.sharesHostClock) return sharedClockMapping();
  const reads: ClockRound[] = [];
  for (let i = 0; i < rounds; i++) {
    const hostBeforeMs = ctx.now();
    const result = await mustSucceed(ctx, distro, ["cat", "/proc/uptime"], { user: "root" });
    const hostAfterMs = ctx.now();
    reads.push({ hostBeforeMs, hostAfterMs, distroMs: parseUptimeMs(result.stdout), resolutionMs: UPTIME_RESOLUTION_MS });
  }
  return estimateClockOffset(reads);
}

/** The first figure of /proc/uptime (seconds since boot) in ms. */
export function parseUptimeMs(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s/.exec(text);
  if (!m) throw new Error(`not /proc/uptime: ${JSON.stringify(text.slice(0, 100))}`);
  return Number(m[1]) * 1000;
}
