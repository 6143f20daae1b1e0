import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeWslExe, recorded } from "./fake-wsl-exe.test-helper.ts";

const name = "nwh-crash-abc123";
const list = (rows: string[]) => Buffer.from(`  NAME                  STATE           VERSION\r\n${rows.map((n) => `  ${n.padEnd(22)}Stopped         2\r\n`).join("")}`, "utf16le");

let fake: FakeWslExe;
let work: string;
beforeEach(() => {
  fake = new FakeWslExe()
    .answer("version", { out: recorded("version-de.utf16le.txt") })
    .answer("list", { out: list([name]) })
    .answer("list", { out: list([]) }, 1)
    .answer("unregister", { out: "" });
  work = mkdtempSync(path.join(os.tmpdir(), "nwh-exitcleanup-"));
  writeFileSync(path.join(work, "standin.tar.gz"), "x");
});
afterEach(() => {
  fake.remove();
  rmSync(work, { recursive: true, force: true });
});

/** A real Node process that imports a distro through the scripted wsl.exe, then ends the way `ending` says. */
function runAndEnd(ending: string) {
  const script = `
    import { WslBackend } from ${JSON.stringify(path.resolve(import.meta.dirname, "wsl-backend.ts"))};
    const backend = new WslBackend({ runId: "nwh-crash", workDir: ${JSON.stringify(work)}, wslExe: ${JSON.stringify(fake.path)}, ledgerDir: ${JSON.stringify(path.join(work, "ledger"))} });
    await backend.importDistro({ name: ${JSON.stringify(name)}, tarball: ${JSON.stringify(path.join(work, "standin.tar.gz"))} });
    process.stdout.write("imported\\n");
    ${ending}
  `;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { timeout: 60_000, encoding: "utf8" });
}

describe("a run that ends abnormally still removes its distros", () => {
  it.each([
    ["SIGTERM", "process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000);", 143],
    ["SIGINT", "process.kill(process.pid, 'SIGINT'); setInterval(() => {}, 1000);", 130],
    ["an uncaught error", "setTimeout(() => { throw new Error('boom'); }, 10);", 1],
    ["process.exit", "process.exit(3);", 3],
  ])("on %s", (_what, ending, exitCode) => {
    const child = runAndEnd(ending);
    expect(child.stdout).toContain("imported");
    expect(child.status).toBe(exitCode);
    expect(fake.calls()).toContain(`--unregister ${name}`);
    expect(existsSync(path.join(work, "wsl", name))).toBe(false);
    expect(existsSync(path.join(work, "ledger", `${name}.json`))).toBe(false);
  });
});
