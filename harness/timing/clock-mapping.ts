/**
 * Mapping instants of a distro's CLOCK_MONOTONIC onto the harness's (performance.now-based) clock.
 * Pure: the round trips are measured by distro-clock.ts.
 */

/** distroMs = hostMs + offsetMs, known within ± uncertaintyMs. */
export interface ClockMapping {
  offsetMs: number;
  uncertaintyMs: number;
  /** How the mapping was found: "shared" (one kernel clock, e.g. a container) or "round-trips". */
  method: "shared" | "round-trips";
  /** Round trips measured (0 for "shared"). */
  rounds: number;
  /** The shortest round trip (ms), for "round-trips". */
  bestRoundTripMs?: number;
}

/** One read of the distro's clock: host instants just before and after, the distro's reading in between. */
export interface ClockRound {
  hostBeforeMs: number;
  distroMs: number;
  hostAfterMs: number;
  /** The reading's granularity (10 ms for /proc/uptime): the true instant lies in [distroMs, distroMs + resolution). */
  resolutionMs: number;
}

/**
 * The offset between the host's performance.now and the host kernel's CLOCK_MONOTONIC (ms): a container's systemd
 * timestamps are on the latter, the harness's clock is the former.
 */
export function hostMonotonicOffsetMs(): number {
  return Number(process.hrtime.bigint()) / 1e6 - performance.now();
}

/** A distro on the host's own kernel (a container): its CLOCK_MONOTONIC is the host's, no round trip needed. */
export function sharedClockMapping(): ClockMapping {
  return { offsetMs: hostMonotonicOffsetMs(), uncertaintyMs: 0, method: "shared", rounds: 0 };
}

/**
 * The offset from several round trips. Each round bounds it: the distro read its clock somewhere between the
 * host's two instants, so offset ∈ [distroMs − hostAfterMs, distroMs + resolution − hostBeforeMs]. The rounds'
 * bounds are intersected (never looser than the tightest round: half its round trip plus half the resolution);
 * the offset is the middle and the uncertainty half the width. When the bounds disagree (a clock stepped between
 * rounds) the tightest round alone is kept.
 */
export function estimateClockOffset(rounds: readonly ClockRound[]): ClockMapping {
  if (rounds.length === 0) throw new RangeError("estimateClockOffset: no round trips");
  const bounds = rounds.map((r) => ({ lo: r.distroMs - r.hostAfterMs, hi: r.distroMs + r.resolutionMs - r.hostBeforeMs, rtt: r.hostAfterMs - r.hostBeforeMs }));
  const bestRoundTripMs = Math.min(...bounds.map((b) => b.rtt));
  let lo = Math.max(...bounds.map((b) => b.lo));
  let hi = Math.min(...bounds.map((b) => b.hi));
  if (lo > hi) {
    const tightest = bounds.reduce((a, b) => (b.hi - b.lo < a.hi - a.lo ? b : a));
    lo = tightest.lo;
    hi = tightest.hi;
  }
  return { offsetMs: (lo + hi) / 2, uncertaintyMs: (hi - lo) / 2, method: "round-trips", rounds: rounds.length, bestRoundTripMs };
}

/** A distro-clock instant on the host's clock. */
export function toHostMs(mapping: ClockMapping, distroMs: number): number {
  return distroMs - mapping.offsetMs;
}
