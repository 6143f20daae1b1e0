import { mustSucceed, type Probe, timed } from "./probe.ts";

export const terminateProbe: Probe = {
  outputs: [
    {
      name: "terminate",
      description: "Stopping one running distro",
      from: "Backend.terminate() called on a running distro (wsl -t; Docker: container stop)",
      to: "Backend.terminate() returned",
    },
  ],
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    await mustSucceed(ctx, distro, ["true"], { timeoutMs: ctx.timeouts.bootMs });
    return { terminate: (await timed(ctx, () => distro.terminate())).ms };
  },
};

export const shutdownProbe: Probe = {
  outputs: [
    {
      name: "shutdown",
      description: "Stopping every distro of the run",
      from: "Backend.shutdown() called with the distro running (wsl --shutdown; Docker: stop every container of the run)",
      to: "Backend.shutdown() returned",
    },
  ],
  async measure(ctx) {
    const distro = await ctx.sharedDistro();
    await mustSucceed(ctx, distro, ["true"], { timeoutMs: ctx.timeouts.bootMs });
    return { shutdown: (await timed(ctx, () => distro.shutdownAll())).ms };
  },
};
