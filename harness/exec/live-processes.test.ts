import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { waitUntil } from "../wait.ts";
import { isProcessAlive } from "./process-alive.ts";
import { SIGNAL_EXIT_CODES } from "./process-end.ts";

const EXEC_INDEX = path.join(import.meta.dirname, "index.ts");

/** A process that, like a suite worker, starts a long command through exec and is then stopped by a signal. */
async function workerWithLongCommand(signal: NodeJS.Signals): Promise<{ grandchild: number; exit: Promise<string> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-live-"));
  const script = path.join(dir, "worker.ts");
  writeFileSync(
    script,
    `import { exec, killLiveProcessesOnExit } from ${JSON.stringify(EXEC_INDEX)};
killLiveProcessesOnExit();
void exec(["sh", "-c", "echo $$; exec sleep 60"], { timeoutMs: 120_000 });
setInterval(() => {}, 1000);
`,
  );
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
  const exit = new Promise<string>((resolve) => child.on("exit", (code, sig) => resolve(sig ?? String(code))));
  // The grandchild's pid comes through exec's capture only at its end, so find it by its parent.
  const grandchild = await waitUntil(
    async () => {
      const { execSync } = await import("node:child_process");
      const pids = execSync(`pgrep -P ${child.pid} || true`).toString().trim().split("\n").filter(Boolean).map(Number);
      return pids[0];
    },
    { timeoutMs: 10_000, what: "the worker's sleep" },
  );
  child.kill(signal);
  return { grandchild, exit };
}

test.runIf(process.platform !== "win32").each(["SIGTERM", "SIGINT"] as const)("%s to a worker kills what exec started there, and the worker still ends with the signal's exit code", async (signal) => {
  const { grandchild, exit } = await workerWithLongCommand(signal);
  expect(await exit).toBe(String(SIGNAL_EXIT_CODES[signal]));
  await waitUntil(async () => !isProcessAlive(grandchild), { timeoutMs: 5_000, what: `process ${grandchild} to be gone` });
});
