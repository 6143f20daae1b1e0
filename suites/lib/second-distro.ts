import { Distro } from "../../harness/distro.ts";
import { distroNameFor } from "../../harness/distro/machine.ts";
import type { Machine } from "./nwh-test.ts";

/** Why no second distro can be imported on this run (an adopted --distro has no tarball), or undefined. */
export function noSecondDistroReason(machine: Machine): string | undefined {
  return machine.run.tarball ? undefined : "needs the run's tarball to import a second distro (an adopted --distro has none)";
}

/** Imports a second distro from the run's tarball, hands it to `use`, and removes it afterwards (unless --keep). */
export async function withSecondDistro<T>(machine: Machine, distro: Distro, label: string, use: (other: Distro) => Promise<T>): Promise<T> {
  const tarball = machine.run.tarball;
  if (!tarball) throw new Error(noSecondDistroReason(machine));
  const info = await machine.backend.importDistro({ name: distroNameFor(label), tarball, tarballSha256: machine.run.tarballSha256, transcript: distro.transcript });
  try {
    return await use(new Distro({ backend: machine.backend, name: info.name, timeouts: distro.timeouts, transcript: distro.transcript }));
  } finally {
    if (!machine.run.keep) await machine.backend.unregister(info.name);
  }
}
