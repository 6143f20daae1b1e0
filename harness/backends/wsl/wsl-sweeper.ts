import { existsSync, rmSync } from "node:fs";
import type { Leftover, LeftoverSweeper } from "../../backend.ts";
import { DistroLedger, type DistroRecord, isHarnessDistroName, recordOwnerAlive } from "./distro-ledger.ts";
import { WslCli } from "./wsl-cli.ts";
import { wslArgs } from "./wsl-commands.ts";
import { WslError } from "./wsl-error.ts";
import { locateWslExe } from "./wsl-exe-locator.ts";
import { DEFAULT_TIMEOUTS } from "../../model/default-timeouts.ts";

export const LEFTOVER_DISTRO = "wsl-distro";
export const LEFTOVER_LOCATION = "wsl-location";

/**
 * Finds what crashed runs left: registered distros named `nwh-<suite>-<random>` (only those), and install
 * directories of harness distros that are gone. With `runId`, only that run's (by the ledger record); without,
 * all of them except those a live process on this host still uses. Never touches any other distro.
 */
export class WslSweeper implements LeftoverSweeper {
  readonly #runId?: string;
  readonly #ledger: DistroLedger;
  readonly #cli?: WslCli;

  constructor(options: { runId?: string; wslExe?: string; ledgerDir?: string }) {
    this.#runId = options.runId;
    this.#ledger = new DistroLedger(options.ledgerDir);
    const located = locateWslExe({ wslExe: options.wslExe });
    if (located) this.#cli = new WslCli({ wslExe: located.path, timeoutMs: DEFAULT_TIMEOUTS.cleanupMs });
  }

  async findLeftovers(): Promise<Leftover[]> {
    if (!this.#cli) return [];
    const leftovers: Leftover[] = [];
    const registered = new Set<string>();
    for (const entry of await this.#cli.list()) {
      registered.add(entry.name.toLowerCase());
      if (!isHarnessDistroName(entry.name)) continue;
      const record = this.#ledger.read(entry.name);
      if (!this.#wanted(record)) continue;
      const run = record ? `run ${record.runId}, created ${record.createdAt}, in ${record.location}` : "no record of its run";
      const what = record?.role === "template" ? "the VHD template of a run" : "WSL distro";
      leftovers.push({ kind: LEFTOVER_DISTRO, id: entry.name, description: `${what} ${entry.name} (${entry.state}; ${run})`, ...(record?.role === "template" ? { runScoped: true } : {}) });
    }
    for (const record of this.#ledger.list()) {
      if (registered.has(record.name.toLowerCase()) || !this.#wanted(record)) continue;
      leftovers.push({ kind: LEFTOVER_LOCATION, id: record.name, description: `install directory ${record.location} of unregistered distro ${record.name} (run ${record.runId})` });
    }
    return leftovers;
  }

  async removeLeftover(leftover: Leftover): Promise<void> {
    if (!isHarnessDistroName(leftover.id)) throw new Error(`refusing to remove "${leftover.id}": not a harness distro name (nwh-<suite>-<random>)`);
    if (leftover.kind === LEFTOVER_DISTRO) {
      if (!this.#cli) throw new Error("wsl.exe not found; pass --wsl-exe PATH or set NWH_WSL_EXE");
      try {
        await this.#cli.run(wslArgs.unregister(leftover.id));
      } catch (error) {
        if (!(error instanceof WslError && error.symbolicName === "WSL_E_DISTRO_NOT_FOUND")) throw error;
      }
    } else if (leftover.kind !== LEFTOVER_LOCATION) {
      throw new Error(`unknown leftover kind "${leftover.kind}" for the WSL sweeper`);
    }
    const record = this.#ledger.read(leftover.id);
    if (record && existsSync(record.location)) rmSync(record.location, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
    this.#ledger.remove(leftover.id);
  }

  #wanted(record: DistroRecord | undefined): boolean {
    if (this.#runId !== undefined) return record?.runId === this.#runId;
    return !(record && recordOwnerAlive(record));
  }
}
