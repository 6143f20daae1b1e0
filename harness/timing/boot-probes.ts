import { waitUntil } from "../wait.ts";
import { mustSucceed, type Probe, ProbeNotApplicableError, type ProbeContext, timed } from "./probe.ts";
import { parseAnalyzeTime, parseBlame, parseCriticalChain, parseManagerTimestamps } from "./systemd-analyze.ts";

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
      description: "First start after import, NixOS activation included",
      from: "no-op command `true` started in the freshly imported, never started distro",
      to: "`true` returned",
    },
  ],
  outputNotApplicableOn: (kind, output) =>
    kind === "docker" && output === "first-start" ? "on Docker, importDistro already starts the container and waits for systemd: that time is in `import`" : undefined,
  async measure(ctx) {
    const { name, importMs } = await ctx.importFresh();
    try {
      const first = await timed(ctx, () => mustSucceed(ctx, name, NO_OP, { timeoutMs: ctx.timeouts.bootMs }));
      const figures: Record<string, number> = { import: importMs };
      if (ctx.kind !== "docker") figures["first-start"] = first.ms;
      return figures;
    } finally {
      await ctx.remove(name);
    }
  },
};

export const coldVmStartProbe: Probe = {
  outputs: [
    {
      name: "cold-vm-start",
      description: "Start after the utility VM was shut down",
      from: "no-op command `true` started after Backend.shutdown() (wsl --shutdown)",
      to: "`true` returned",
    },
  ],
  notApplicableOn: (kind) => (kind === "docker" ? "Docker has no utility VM: containers share the running host kernel (see cold-instance-start)" : undefined),
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    await ctx.backend.shutdown();
    const start = await timed(ctx, () => mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs }));
    return { "cold-vm-start": start.ms };
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
    await ctx.backend.terminate(distro);
    const start = await timed(ctx, () => mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs }));
    return { "cold-instance-start": start.ms };
  },
};

/**
 * Time until systemd reports the system running, and systemd's own figure for the same boot. The harness figure
 * minus systemd's is what the harness adds (process start, exec round trip): its measurement error.
 */
export const timeToRunningProbe: Probe = {
  requires: ["systemd"],
  outputs: [
    {
      name: "time-to-running",
      description: "Start of a stopped distro until systemd reports the system running",
      from: "`systemctl is-system-running --wait` started after Backend.terminate()",
      to: "it returned `running` (or `degraded`)",
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
    await ctx.backend.terminate(distro);
    const wait = await timed(ctx, () =>
      ctx.backend.exec(distro, ["systemctl", "is-system-running", "--wait"], { user: "root", timeoutMs: ctx.timeouts.bootMs }),
    );
    const state = wait.value.stdout.trim();
    if (state !== "running" && state !== "degraded") {
      throw new Error(`systemctl is-system-running --wait answered "${state || wait.value.stderr.trim()}" (exit ${wait.value.exitCode}), not running`);
    }
    const figures: Record<string, number> = { "time-to-running": wait.ms };
    const systemdMs = await systemdUserspaceMs(ctx, distro);
    if (systemdMs !== undefined) figures["systemd-userspace"] = systemdMs;
    return figures;
  },
};

/** systemd's figure from systemd-analyze (keeping the breakdown as a detail), else from the manager's timestamps. */
async function systemdUserspaceMs(ctx: ProbeContext, distro: string): Promise<number | undefined> {
  const run = (argv: string[]) => ctx.backend.exec(distro, argv, { user: "root", timeoutMs: ctx.timeouts.execMs });
  const time = await run(["systemd-analyze", "time"]);
  const analyzeTime = parseAnalyzeTime(`${time.stdout}\n${time.stderr}`);
  const blame = await run(["systemd-analyze", "blame", "--no-pager"]);
  const chain = await run(["systemd-analyze", "critical-chain", "--no-pager"]);
  ctx.recordDetail("systemdAnalyze", {
    analyzeTime,
    blameTop10: parseBlame(blame.stdout, 10),
    criticalChain: parseCriticalChain(chain.stdout),
  });
  if (analyzeTime.userspaceMs !== undefined) return analyzeTime.userspaceMs;
  const show = await run(["systemctl", "show", "-p", "UserspaceTimestampMonotonic,FinishTimestampMonotonic"]);
  if (show.exitCode !== 0) return undefined;
  const stamps = parseManagerTimestamps(show.stdout);
  return stamps.finishMonotonicMs > 0 ? stamps.finishMonotonicMs - stamps.userspaceMonotonicMs : undefined;
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
      to: "`systemctl is-active user@UID.service` answered active (polled every 20 ms by waitUntil)",
    },
  ],
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    const uid = (await mustSucceed(ctx, distro, ["id", "-u"])).stdout.trim();
    if (uid === "0") throw new ProbeNotApplicableError("the distro's default user is root: WSL starts no user@UID session for it");
    const unit = `user@${uid}.service`;
    if (ctx.kind === "docker") {
      // WSL's init starts the user manager; a container has no such init, so it starts only if the distro does it.
      await ctx.backend.exec(distro, ["systemctl", "is-system-running", "--wait"], { user: "root", timeoutMs: ctx.timeouts.bootMs });
      const state = await ctx.backend.exec(distro, ["systemctl", "is-active", unit], { user: "root", timeoutMs: ctx.timeouts.execMs });
      if (state.stdout.trim() !== "active") {
        throw new ProbeNotApplicableError(`${unit} is ${state.stdout.trim() || "not active"} after boot: on WSL, WSL's init starts it; on Docker nothing does`);
      }
    }
    await ctx.backend.terminate(distro);
    const start = ctx.now();
    await mustSucceed(ctx, distro, NO_OP, { timeoutMs: ctx.timeouts.bootMs });
    await waitUntil(
      async () => {
        const r = await ctx.backend.exec(distro, ["systemctl", "is-active", unit], { user: "root", timeoutMs: ctx.timeouts.execMs });
        return r.stdout.trim() === "active";
      },
      {
        what: `${unit} active in ${distro}`,
        timeoutMs: ctx.timeouts.bootMs,
        intervalMs: USER_SESSION_POLL_MS,
        maxIntervalMs: USER_SESSION_POLL_MS,
        diagnose: async () => (await ctx.backend.exec(distro, ["systemctl", "status", "--no-pager", unit], { user: "root", timeoutMs: ctx.timeouts.execMs })).stdout,
      },
    );
    return { "time-to-user-session": ctx.now() - start };
  },
};
