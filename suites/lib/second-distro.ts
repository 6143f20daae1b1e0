import type { Distro } from "../../harness/distro.ts";
import type { Machine } from "./nwh-test.ts";

/** Why no second distro can be imported on this run (an adopted --distro has no tarball), or undefined. */
export function noSecondDistroReason(machine: Machine): string | undefined {
  return machine.run.tarball ? undefined : "needs the run's tarball to import a second distro (an adopted --distro has none)";
}

/**
 * Imports a second distro from the run's tarball through the machine, hands it to `use`, and removes it afterwards
 * rather than at the file's end (unless the run keeps distros: the machine keeps it then, with its own).
 */
export async function withSecondDistro<T>(machine: Machine, distro: Distro, label: string, use: (other: Distro) => Promise<T>): Promise<T> {
  const tarball = machine.run.tarball;
  if (!tarball) throw new Error(noSecondDistroReason(machine));
  const other = await machine.importDistro(tarball, label, distro.transcript);
  try {
    return await use(other);
  } finally {
    if (!machine.run.keep && !machine.run.keepFailed) await other.handle.unregister();
  }
}
