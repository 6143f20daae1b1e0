import os from "node:os";
import type { BackendKind, HostFacts } from "../backend.ts";
import type { BenchEnvironment } from "../model/bench-schema.ts";

/** The first fact present under any of `keys` (backends name some facts with dots, some in camelCase). */
function fact(facts: HostFacts, keys: readonly string[]): string {
  for (const key of keys) {
    const value = facts[key];
    if (value) return value;
  }
  return "";
}

/**
 * Where the bench ran. WSL, kernel, WSLg and Windows versions come from Backend.hostFacts() (`wsl --version`);
 * where the distros run on the host's own kernel (Docker: Backend.sharesHostClock), that is the kernel recorded. The runner image comes from
 * GitHub's ImageOS/ImageVersion variables.
 */
export function benchEnvironment(input: {
  backend: BackendKind;
  /** The distros run on this host's kernel (containers). */
  sharesHostKernel: boolean;
  hostFacts: HostFacts;
  tarball: string;
  tarballSha256: string;
  harnessVersion: string;
  env?: NodeJS.ProcessEnv;
}): BenchEnvironment {
  const env = input.env ?? process.env;
  const facts = input.hostFacts;
  const kernel = fact(facts, ["kernelVersion", "wsl.kernelVersion", "kernel.version", "wsl.kernel"]) || (input.sharesHostKernel ? os.release() : "");
  const cpus = os.cpus();
  return {
    backend: input.backend,
    wslVersion: fact(facts, ["wslVersion", "wsl.version", "wsl.wslVersion"]),
    kernelVersion: kernel,
    wslgVersion: fact(facts, ["wslgVersion", "wsl.wslgVersion", "wslg.version"]),
    windowsVersion: fact(facts, ["windowsVersion", "wsl.windowsVersion", "windows.version"]),
    runnerImage: [env.ImageOS, env.ImageVersion].filter(Boolean).join(" "),
    cpuModel: cpus[0]?.model.trim() ?? "",
    cpuCores: cpus.length,
    hostOs: `${os.type()} ${os.release()} ${os.arch()}`,
    tarball: input.tarball,
    tarballSha256: input.tarballSha256,
    harnessVersion: input.harnessVersion,
    nodeVersion: process.version,
    hostFacts: { ...facts },
  };
}
