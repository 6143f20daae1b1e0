import { Transcript, type TranscriptEntry } from "../../harness/exec/transcript.ts";
import type { RunContext } from "../../harness/model/run-context.ts";
import { DistroSetupError } from "./distro-setup-error.ts";
import { hostFatalOf, type Machine, startMachine, stopMachine } from "../../harness/distro/machine.ts";

/** How long a retry waits for the distro to answer `true` before it imports a fresh one. */
const HEALTH_CHECK_MS = 30_000;

/**
 * A suite file's distro, started on first use and at most once per attempt: a failed import or boot is kept and
 * thrown again (a DistroSetupError) instead of importing once per test; only a retry of the test that met it
 * imports again. A retry whose distro stopped answering gets a freshly imported one, which the file's later tests
 * then use.
 */
export class MachineSlot {
  readonly #run: RunContext;
  readonly #suite: string;
  #started: Promise<Machine> | undefined;
  /** The vitest id of the test that first met the setup error: that test reports it, the others skip. */
  setupFailedIn: string | undefined;
  readonly #setupErrors = new Set<DistroSetupError>();
  #setupTranscript: TranscriptEntry[] = [];

  constructor(run: RunContext, suite: string) {
    this.#run = run;
    this.#suite = suite;
  }

  /** The file's distro; throws the file's DistroSetupError (the same one every time) when it could not be set up. */
  acquire(): Promise<Machine> {
    this.#started ??= this.#start();
    return this.#started;
  }

  /**
   * For a retry of the test that met the setup error: one fresh import and boot (a setup that failed is a distro
   * that broke). A host that cannot run distros at all is not tried again; the run is stopping.
   */
  async setUpAgain(): Promise<Machine> {
    const failed = await this.#started?.then(() => undefined, (error: unknown) => error);
    if (failed instanceof DistroSetupError && failed.hostFatalFix === undefined) this.#started = this.#start();
    return this.acquire();
  }

  /** What every failed import and boot of this file ran so far, each once (the error is thrown again to later tests). */
  setupTranscript(error: DistroSetupError): TranscriptEntry[] {
    if (!this.#setupErrors.has(error)) {
      this.#setupErrors.add(error);
      this.#setupTranscript = [...this.#setupTranscript, ...error.transcript];
    }
    return this.#setupTranscript;
  }

  /** For a retry: the distro when it still answers, else (the distro broke) a freshly imported one. */
  async healthyOrReplaced(): Promise<Machine> {
    const machine = await this.acquire();
    if (this.#run.distro) return machine; // an adopted distro cannot be re-imported
    const answer = await machine.distro.execute(["true"], { timeoutMs: HEALTH_CHECK_MS }).catch(() => undefined);
    if (answer?.exitCode === 0) return machine;
    process.stderr.write(`nwh: ${machine.info.name} stopped answering; importing a fresh distro for the retry\n`);
    await stopMachine(machine, this.#suite).catch(() => {});
    this.#started = this.#start();
    return this.#started;
  }

  async stop(): Promise<void> {
    const started = this.#started;
    this.#started = undefined;
    const machine = await started?.catch(() => undefined);
    if (machine) await stopMachine(machine, this.#suite);
  }

  async #start(): Promise<Machine> {
    const transcript = new Transcript();
    try {
      return await startMachine(this.#run, this.#suite, transcript);
    } catch (error) {
      throw new DistroSetupError(this.#suite, error, { hostFatalFix: hostFatalOf(this.#run, error), transcript: [...transcript.entries] });
    }
  }
}
