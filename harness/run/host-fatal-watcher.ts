import type { Reporter, TestCase } from "vitest/node";

/** What stopped the run: the host cannot run distros at all (virtualization off, WSL missing, no Docker engine). */
export interface HostFatal {
  /** The error as the suite file reported it. */
  message: string;
  /** What the user must do. */
  fix: string;
}

/**
 * Watches the suite files' setup errors: one that carries `hostFatalFix` (see suites/lib/distro-setup-error.ts) means
 * no other suite file can get a distro either, so the run is cancelled at once instead of failing file by file.
 */
export class HostFatalWatcher implements Reporter {
  found: HostFatal | undefined;
  readonly #cancel: () => void;

  constructor(cancel: () => void) {
    this.#cancel = cancel;
  }

  onTestCaseResult(test: TestCase): void {
    if (this.found) return;
    for (const error of test.result().errors ?? []) {
      const fix = (error as { hostFatalFix?: unknown }).hostFatalFix;
      if (typeof fix !== "string") continue;
      this.found = { message: error.message.split("\n")[0] ?? error.message, fix };
      this.#cancel();
      return;
    }
  }
}
