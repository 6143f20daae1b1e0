import type { StartedDistro } from "../backend.ts";
import { absentPhases, type BootInstants, bootPhases, readBootInstants } from "./boot-instants.ts";
import { type ClockMapping, toHostMs } from "./clock-mapping.ts";
import { mapDistroClock } from "./distro-clock.ts";
import type { MeasuredSample, ProbeContext } from "./probe.ts";

/** Which reported instant ends the probe. */
export type BootEnd = "userspace" | "finish" | "userSession";

const END_FIELD = { userspace: "userspaceMs", finish: "finishMs", userSession: "userSessionMs" } as const satisfies Record<BootEnd, keyof BootInstants>;
const END_WHAT: Record<BootEnd, string> = {
  userspace: "systemd's UserspaceTimestampMonotonic (activation done, systemd started)",
  finish: "systemd's FinishTimestampMonotonic",
  userSession: "the user manager's ActiveEnterTimestampMonotonic",
};
/** /proc/uptime and /proc/PID/stat count 10 ms steps; systemd's µs stamps are finer. */
const READ_SLACK_MS = 10;

/**
 * A boot probe's sample ending at the instant the distro reports, not when the harness noticed: that instant mapped
 * onto the host's clock, minus `requestedAtMs` (when the harness asked for the start). `observedAtMs` is when the
 * harness's own call saw it; the difference is the sample's detection latency. Called after the boot, untimed.
 * Throws when the distro's boot started before the request (it was not restarted: the figure would be a lie).
 */
export async function reportedBootSample(
  ctx: ProbeContext,
  distro: StartedDistro,
  options: {
    requestedAtMs: number;
    observedAtMs: number;
    end: BootEnd;
    userUnit?: string;
    /** The harness's call may return before the instant (first-start's `true` need not wait for activation): then detectionMs < 0. */
    mayEndAfterObserved?: boolean;
  },
): Promise<{ sample: MeasuredSample; instants: BootInstants; mapping: ClockMapping }> {
  const mapping = await mapDistroClock(ctx, distro);
  const instants = await readBootInstants(ctx, distro, { userUnit: options.userUnit });
  const reported = instants[END_FIELD[options.end]];
  if (reported === undefined || reported <= 0) throw new Error(`${distro.name} reports no ${END_WHAT[options.end]} for this boot (the instant is unset)`);
  const slack = mapping.uncertaintyMs + READ_SLACK_MS;
  const startedHost = toHostMs(mapping, instants.userspaceMs);
  if (startedHost < options.requestedAtMs - slack) {
    throw new Error(
      `${distro.name}'s systemd started ${(options.requestedAtMs - startedHost).toFixed(1)} ms before the harness asked for the start (clock uncertainty ±${mapping.uncertaintyMs.toFixed(1)} ms): the distro was not restarted, or the clock mapping is wrong`,
    );
  }
  const endHost = toHostMs(mapping, reported);
  if (!options.mayEndAfterObserved && endHost > options.observedAtMs + slack) {
    throw new Error(`${distro.name} reports ${END_WHAT[options.end]} ${(endHost - options.observedAtMs).toFixed(1)} ms after the harness saw it: the clock mapping is wrong`);
  }
  return {
    sample: {
      ms: endHost - options.requestedAtMs,
      boot: {
        detectionMs: options.observedAtMs - endHost,
        clockUncertaintyMs: mapping.uncertaintyMs,
        phasesMs: { ...bootPhases(options.requestedAtMs, instants, mapping) },
        ...withAbsent(absentPhases(options.requestedAtMs, instants, mapping)),
      },
    },
    instants,
    mapping,
  };
}

function withAbsent(absent: Record<string, string>): { phasesAbsent?: Record<string, string> } {
  return Object.keys(absent).length > 0 ? { phasesAbsent: absent } : {};
}
