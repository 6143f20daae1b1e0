import type { Transcript } from "../exec/transcript.ts";
import { Distro } from "../distro.ts";
import { distroNameFor, type Machine } from "./machine.ts";

/** A distro a test imported for itself: nothing has started it yet, so its first command is the first start. */
export interface FreshDistro {
  distro: Distro;
  /** Unregisters it (kept with --keep). */
  remove(): Promise<void>;
}

/** Why a fresh import cannot be made in this run, or undefined when it can. */
export function freshImportUnavailable(machine: Machine): string | undefined {
  return machine.run.tarball ? undefined : "needs the run's tarball: an adopted distro (--distro) has been started before, and there is nothing to import afresh";
}

/**
 * Imports the run's tarball as a new distro, as upstream's tests do before their first command: unlike the file's
 * machine, it is not booted or probed first, so races of the first start (NixOS-WSL#593, #602) stay visible.
 */
export async function importFreshDistro(machine: Machine, purpose: string, transcript: Transcript): Promise<FreshDistro> {
  const { run, backend } = machine;
  if (!run.tarball) throw new Error(`importFreshDistro: ${freshImportUnavailable(machine)}`);
  const info = await backend.importDistro({ name: distroNameFor(purpose), tarball: run.tarball, tarballSha256: run.tarballSha256, transcript });
  const distro = new Distro({ backend, name: info.name, timeouts: run.timeouts, transcript });
  return {
    distro,
    remove: async () => {
      if (run.keep) backend.keepDistro?.(info.name);
      else await backend.unregister(info.name);
    },
  };
}
