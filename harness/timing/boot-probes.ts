import type { StartedDistro } from "../backend.ts";
import { waitUntil } from "../wait.ts";
import { type MeasuredSample, mustSucceed, type Probe, ProbeNotApplicableError, type ProbeContext, timed } from "./probe.ts";
import { reportedBootSample } from "./boot-sample.ts";
import { parseAnalyzeTime, parseBlame, parseCriticalChain } from "./systemd-analyze.ts";

const NO_OP = ["true"];

/** Import of a fresh distro and its first start (activation included), measured on the same fresh distro. */
export const importAndFirstStartProbe: Probe = {
  outputs: [
    {
      name: "import",
      description: "Import of the tarball as a new distro",
      from: "Backend.importDistro called (wsl --import; Docker: image import, cached per run after the first, then container start)",
      to: "Backend.importDistro returned (on Docker only after systemd finished booting)",
    },
    {
      name: "first-start",
      description: "First start after import until NixOS activation is done (systemd's instant on the host clock)",
      from: "no-op command `true` started in the freshly imported, never started distro",
      to: "activation's end: systemd's UserspaceTimestampMonotonic (the init shim execs systemd after activating), mapped onto the host's clock",
    },
  ],
  outputNotApplicableOn: (facts, output) => (facts.importBoots && output === "first-start" ? `${facts.importBoots}: that time is in \`import\`` : undefined),
  async measure(ctx) {
    const { distro, importMs } = await ctx.importFresh();
    try {
      const requestedAtMs = ctx.now();
      await mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs });
      const observedAtMs = ctx.now();
      const figures: Record<string, number | MeasuredSample> = { import: importMs };
      if (!ctx.startFacts.importBoots) {
        figures["first-start"] = (await reportedBootSample(ctx, distro, { requestedAtMs, observedAtMs, end: "userspace", mayEndAfterObserved: true })).sample;
      }
      return figures;
    } finally {
      await ctx.remove(distro);
    }
  },
};

export const coldVmStartProbe: Probe = {
  outputs: [
    {
      name: "cold-vm-start",
      description: "Start after the utility VM was shut down",
      from: "no-op command `true` started after Backend.shutdown() (wsl --shutdown)",
      to: "`true` returned (its phases, the VM's kernel boot among them, from the distro's own instants)",
    },
  ],
  notApplicableOn: (facts) => facts.noUtilityVm,
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    await distro.shutdownAll();
    const requestedAtMs = ctx.now();
    await mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs });
    const observedAtMs = ctx.now();
    const ms = observedAtMs - requestedAtMs;
    // The only start that boots a kernel: its phases show it. The figure stays the harness's own (detection 0).
    const reported = await reportedBootSample(ctx, distro, { requestedAtMs, observedAtMs, end: "userspace", mayEndAfterObserved: true }).catch(() => undefined);
    return { "cold-vm-start": reported ? { ms, boot: { ...reported.sample.boot, detectionMs: 0 } } : ms };
  },
};

export const coldInstanceStartProbe: Probe = {
  outputs: [
    {
      name: "cold-instance-start",
      description: "Start after the distro alone was stopped",
      from: "no-op command `true` started after Backend.terminate() (wsl -t; Docker: container stop)",
      to: "`true` returned",
    },
  ],
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    await distro.terminate();
    const start = await timed(ctx, () => mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs }));
    return { "cold-instance-start": start.ms };
  },
};

/**
 * Time until systemd reports the system running, ending at systemd's own FinishTimestampMonotonic mapped onto the
 * host's clock (not when the harness's `systemctl is-system-running --wait` returned: that difference is the
 * sample's detectionMs), and systemd's own userspace figure for the same boot.
 */
export const timeToRunningProbe: Probe = {
  requires: ["systemd"],
  outputs: [
    {
      name: "time-to-running",
      description: "Start of a stopped distro until systemd reports the system running (systemd's instant on the host clock)",
      from: "`systemctl is-system-running --wait` started after Backend.terminate() (the harness asks for the start)",
      to: "systemd's FinishTimestampMonotonic of that boot, mapped onto the host's clock (the call's return is detectionMs later)",
    },
    {
      name: "systemd-userspace",
      description: "systemd's own figure for the same boot (systemd-analyze time, userspace part)",
      from: "systemd (PID 1 of the distro) started",
      to: "default target reached and no jobs left (FinishTimestamp)",
    },
  ],
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    const userUnit = await defaultUserUnit(ctx, distro);
    await distro.terminate();
    const requestedAtMs = ctx.now();
    const wait = await distro.exec(["systemctl", "is-system-running", "--wait"], { user: "root", timeoutMs: ctx.timeouts.bootMs });
    const observedAtMs = ctx.now();
    const state = wait.stdout.trim();
    if (state !== "running" && state !== "degraded") {
      throw new Error(`systemctl is-system-running --wait answered "${state || wait.stderr.trim()}" (exit ${wait.exitCode}), not running`);
    }
    const { sample, instants } = await reportedBootSample(ctx, distro, { requestedAtMs, observedAtMs, end: "finish", userUnit });
    await recordSystemdAnalyze(ctx, distro);
    return { "time-to-running": sample, "systemd-userspace": instants.finishMs - instants.userspaceMs };
  },
};

/** `user@UID.service` of the distro's default user; undefined when that is root (WSL starts no session for it). */
async function defaultUserUnit(ctx: ProbeContext, distro: StartedDistro): Promise<string | undefined> {
  const uid = (await mustSucceed(ctx, distro, ["id", "-u"])).stdout.trim();
  return uid === "0" ? undefined : `user@${uid}.service`;
}

/** Keeps systemd-analyze's breakdown of the boot (time, blame top 10, critical chain) as a detail for bench.json. */
async function recordSystemdAnalyze(ctx: ProbeContext, distro: StartedDistro): Promise<void> {
  const run = (argv: string[]) => distro.exec(argv, { user: "root", timeoutMs: ctx.timeouts.execMs });
  const time = await run(["systemd-analyze", "time"]);
  const blame = await run(["systemd-analyze", "blame", "--no-pager"]);
  const chain = await run(["systemd-analyze", "critical-chain", "--no-pager"]);
  ctx.recordDetail("systemdAnalyze", {
    analyzeTime: parseAnalyzeTime(`${time.stdout}\n${time.stderr}`),
    blameTop10: parseBlame(blame.stdout, 10),
    criticalChain: parseCriticalChain(chain.stdout),
  });
}

/** Bound of the wait for the user manager, beyond the boot timeout it never needs. */
const USER_SESSION_POLL_MS = 20;

export const userSessionProbe: Probe = {
  requires: ["systemd"],
  outputs: [
    {
      name: "time-to-user-session",
      description: "Start of a stopped distro until the default user's systemd user manager is active",
      from: "no-op command `true` started after Backend.terminate()",
      to: "user@UID.service's ActiveEnterTimestampMonotonic, mapped onto the host's clock (seen by `systemctl is-active` polled every 20 ms: detectionMs later)",
    },
  ],
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    const uid = (await mustSucceed(ctx, distro, ["id", "-u"])).stdout.trim();
    if (uid === "0") throw new ProbeNotApplicableError("the distro's default user is root: WSL starts no user@UID session for it");
    const unit = `user@${uid}.service`;
    if (ctx.startFacts.noUserSessionStarter) {
      // WSL's init starts the user manager; without such an init it starts only if the distro does it.
      await distro.exec(["systemctl", "is-system-running", "--wait"], { user: "root", timeoutMs: ctx.timeouts.bootMs });
      const state = await distro.exec(["systemctl", "is-active", unit], { user: "root", timeoutMs: ctx.timeouts.execMs });
      if (state.stdout.trim() !== "active") {
        throw new ProbeNotApplicableError(`${unit} is ${state.stdout.trim() || "not active"} after boot: ${ctx.startFacts.noUserSessionStarter}`);
      }
    }
    await distro.terminate();
    const requestedAtMs = ctx.now();
    await mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs });
    await waitUntil(
      async () => {
        const r = await distro.exec(["systemctl", "is-active", unit], { user: "root", timeoutMs: ctx.timeouts.execMs });
        return r.stdout.trim() === "active";
      },
      {
        what: `${unit} active in ${distro.name}`,
        timeoutMs: ctx.timeouts.bootMs,
        intervalMs: USER_SESSION_POLL_MS,
        maxIntervalMs: USER_SESSION_POLL_MS,
        diagnose: async () => (await distro.exec(["systemctl", "status", "--no-pager", unit], { user: "root", timeoutMs: ctx.timeouts.execMs })).stdout,
      },
    );
    const observedAtMs = ctx.now();
    const { sample } = await reportedBootSample(ctx, distro, { requestedAtMs, observedAtMs, end: "userSession", userUnit: unit });
    return { "time-to-user-session": sample };
  },
};
