import type { StartedDistro } from "../backend.ts";
import { mustSucceed, type Probe, type ProbeContext, timed } from "./probe.ts";

async function prepare(ctx: ProbeContext): Promise<{ distro: StartedDistro; rebuild: NonNullable<ProbeContext["rebuild"]> }> {
  const rebuild = ctx.rebuild;
  if (!rebuild) throw new Error("rebuild probes need RebuildCommands (the fixture configuration); none were given");
  const distro = await ctx.sharedDistro();
  await distro.copyToDistro(rebuild.configHostPath, rebuild.configDistroPath, { user: "root" });
  return { distro, rebuild };
}

const rebuildTimeout = (ctx: ProbeContext) => ({ user: "root", timeoutMs: ctx.timeouts.bootMs });

function rebuildProbe(action: "switch" | "boot"): Probe {
  return {
    requires: ["nixos-rebuild"],
    outputs: [
      {
        name: `rebuild-${action}`,
        description: `nixos-rebuild ${action} to a configuration that adds a service (fixtures/nixos/with-service.nix)`,
        from: `\`nixos-rebuild ${action}\` started in the running distro`,
        to: "it exited 0",
      },
    ],
    async measure(ctx) {
      const { distro, rebuild } = await prepare(ctx);
      const run = await timed(ctx, () => mustSucceed(ctx, distro, rebuild.argv(action), rebuildTimeout(ctx)));
      await mustSucceed(ctx, distro, rebuild.rollbackArgv(action), rebuildTimeout(ctx));
      return { [`rebuild-${action}`]: run.ms };
    },
  };
}

export const rebuildSwitchProbe = rebuildProbe("switch");
export const rebuildBootProbe = rebuildProbe("boot");

export const rollbackProbe: Probe = {
  requires: ["nixos-rebuild"],
  outputs: [
    {
      name: "rollback",
      description: "nixos-rebuild switch --rollback from the with-service configuration to the previous generation",
      from: "`nixos-rebuild switch --rollback` started (after an untimed switch to with-service.nix)",
      to: "it exited 0",
    },
  ],
  async measure(ctx) {
    const { distro, rebuild } = await prepare(ctx);
    await mustSucceed(ctx, distro, rebuild.argv("switch"), rebuildTimeout(ctx));
    const back = await timed(ctx, () => mustSucceed(ctx, distro, rebuild.rollbackArgv("switch"), rebuildTimeout(ctx)));
    return { rollback: back.ms };
  },
};
