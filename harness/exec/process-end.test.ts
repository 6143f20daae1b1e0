import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { END_SIGNALS, holdSignals, onProcessEnd } from "./process-end.ts";

const PROCESS_END = JSON.stringify(path.join(import.meta.dirname, "process-end.ts"));

/** A real Node process that registers hooks as `setup` says, then runs `ending`; its stdout lists what ran. */
function run(setup: string, ending: string) {
  const script = `
    import { holdSignals, onProcessEnd } from ${PROCESS_END};
    const say = (line) => process.stdout.write(line + "\\n");
    ${setup}
    ${ending}
  `;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { timeout: 30_000, encoding: "utf8" });
}

const THREE_HOOKS = `
  onProcessEnd({ label: "a", onSignal: () => say("a signal"), onExit: () => say("a exit") });
  onProcessEnd({ label: "b", onSignal: async () => { await new Promise((r) => setTimeout(r, 50)); say("b signal"); }, onExit: () => say("b exit") });
  onProcessEnd({ label: "kill", first: true, onSignal: () => say("kill signal"), onExit: () => say("kill exit") });
  onProcessEnd({ label: "exit only", onExit: (code) => say("exit only " + code) });
`;

describe.runIf(process.platform !== "win32")("the process-end coordinator", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s runs every hook once, first ones first, async ones awaited, then exits %i", (signal, code) => {
    const child = run(THREE_HOOKS, `process.kill(process.pid, "${signal}"); setInterval(() => {}, 1000);`);
    expect(child.status).toBe(code);
    expect(child.stdout.trim().split("\n")).toEqual(["kill signal", "a signal", "b signal", `exit only ${code}`]);
  });

  it("at a plain exit runs every hook's exit part once", () => {
    const child = run(THREE_HOOKS, "process.exit(3);");
    expect(child.status).toBe(3);
    expect(child.stdout.trim().split("\n")).toEqual(["kill exit", "a exit", "b exit", "exit only 3"]);
  });

  it("a holder gets each signal after the hooks ran (once), and ends the process itself", () => {
    const child = run(
      `${THREE_HOOKS}
      let seen = 0;
      holdSignals((signal) => { say("held " + signal); if (++seen === 2) process.exit(7); });`,
      `process.kill(process.pid, "SIGINT"); setTimeout(() => process.kill(process.pid, "SIGTERM"), 300); setInterval(() => {}, 1000);`,
    );
    expect(child.status).toBe(7);
    expect(child.stdout.trim().split("\n")).toEqual(["kill signal", "a signal", "b signal", "held SIGINT", "held SIGTERM", "exit only 7"]);
  });

  it("a removed hook does not run, and with nothing registered Node's own handling is back", () => {
    const before = END_SIGNALS.map((s) => process.listenerCount(s));
    const remove = onProcessEnd({ label: "x", onSignal: () => {} });
    const release = holdSignals(() => {});
    expect(END_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before.map((n) => n + 1));
    remove();
    release();
    expect(END_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before);

    const child = run(`const remove = onProcessEnd({ label: "gone", onSignal: () => say("gone") }); remove();`, `process.kill(process.pid, "SIGTERM"); setInterval(() => {}, 1000);`);
    expect(child.signal).toBe("SIGTERM");
    expect(child.stdout).toBe("");
  });
});
