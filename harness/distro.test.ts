import { describe, expect, test } from "vitest";
import { Distro } from "./distro.ts";
import { CommandFailedError } from "./exec/command-failed-error.ts";
import { FakeBackend } from "./distro/fake-backend.test-helper.ts";
import { WaitTimeoutError } from "./wait.ts";

const timeouts = { execMs: 5_000, waitMs: 400, bootMs: 5_000 };

function distroOn(backend: FakeBackend): Distro {
  return new Distro({ handle: backend.bind("nwh-test-abc123"), timeouts, configDir: "/fixtures/nixos" });
}

const isShow = (argv: readonly string[]) => argv[0] === "systemctl" && argv[1] === "show";
const isDiagnostic = (argv: readonly string[]) => ["list-units", "list-jobs", "is-system-running"].includes(argv[1] ?? "") || argv[0] === "journalctl";

describe("commands", () => {
  test("a string command runs as a command line through sh -c; an argv array runs without a shell", async () => {
    const backend = new FakeBackend().on(() => ({ stdout: "ok\n" }));
    const distro = distroOn(backend);
    await distro.succeed("echo $HOME | tr a-z A-Z");
    await distro.succeed(["printf", "%s", "a b"]);
    expect(backend.calls.map((c) => c.argv)).toEqual([["sh", "-c", "echo $HOME | tr a-z A-Z"], ["printf", "%s", "a b"]]);
  });

  test("succeed returns stdout; the user option reaches the backend and the default timeout comes from the timeouts", async () => {
    const backend = new FakeBackend().on(() => ({ stdout: "root\n" }));
    expect(await distroOn(backend).succeed("whoami", { user: "root" })).toBe("root\n");
    expect(backend.calls[0]?.options).toMatchObject({ user: "root", timeoutMs: timeouts.execMs });
  });

  test("succeed throws CommandFailedError carrying exit code, output and the transcript", async () => {
    const backend = new FakeBackend().on(() => ({ exitCode: 3, stdout: "partial", stderr: "boom: no such unit" }));
    const distro = distroOn(backend);
    const error = await distro.succeed("systemctl start nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandFailedError);
    const failed = error as CommandFailedError;
    expect(failed.result).toEqual({ exitCode: 3, stdout: "partial", stderr: "boom: no such unit" });
    expect(failed.message).toContain("command failed with exit code 3: systemctl start nope");
    expect(failed.message).toContain("boom: no such unit");
    expect(failed.message).toContain("$ sh -c 'systemctl start nope'  (exit 3");
    expect(failed.transcript).toHaveLength(1);
  });

  test("fail returns stdout on a non-zero exit and throws on exit 0", async () => {
    const backend = new FakeBackend().on((argv) => ({ exitCode: argv.includes("false") ? 1 : 0, stdout: "out" }));
    const distro = distroOn(backend);
    expect(await distro.fail("false")).toBe("out");
    await expect(distro.fail("true")).rejects.toThrow(/succeeded but was expected to fail: true/);
  });

  test("execute never throws on a non-zero exit", async () => {
    const backend = new FakeBackend().on(() => ({ exitCode: 1, stderr: "e" }));
    expect(await distroOn(backend).execute(["false"])).toEqual({ exitCode: 1, stdout: "", stderr: "e" });
  });

  test("an empty command is refused before reaching the distro", async () => {
    const backend = new FakeBackend();
    await expect(distroOn(backend).succeed("  ")).rejects.toThrow(/empty command line/);
    await expect(distroOn(backend).succeed([])).rejects.toThrow(/must name a program/);
    expect(backend.calls).toHaveLength(0);
  });
});

describe("waits", () => {
  test("waitUntilSucceeds retries until the command succeeds", async () => {
    const backend = new FakeBackend().on((_argv, _o, calls) => (calls < 2 ? { exitCode: 1 } : { stdout: "ready" }));
    expect(await distroOn(backend).waitUntilSucceeds("test -e /run/ready")).toBe("ready");
    expect(backend.calls).toHaveLength(3);
  });

  test("a wait that times out names what it waited for and attaches diagnostics from its last try", async () => {
    const backend = new FakeBackend()
      .on((argv) => (isDiagnostic(argv) ? { stdout: `diag:${argv.join(" ")}` } : undefined))
      .on(() => ({ exitCode: 1, stderr: "not yet" }));
    const distro = distroOn(backend);
    const error = (await distro.waitUntilSucceeds("test -e /never", { timeoutMs: 200 }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toContain("`test -e /never` to succeed in nwh-test-abc123");
    expect(error.diagnostics).toContain("== failed units");
    expect(error.diagnostics).toContain("diag:journalctl");
    expect(distro.diagnostics).toHaveLength(1);
    expect(backend.calls.filter((c) => c.argv[0] === "journalctl")[0]?.options.user).toBe("root");
  });

  test("waitUntilFails waits for a non-zero exit", async () => {
    const backend = new FakeBackend().on((_a, _o, calls) => ({ exitCode: calls < 1 ? 0 : 1 }));
    await distroOn(backend).waitUntilFails("pgrep old-daemon");
    expect(backend.calls).toHaveLength(2);
  });

  test("waitForUnit returns once the unit is active", async () => {
    const backend = new FakeBackend().on((argv, _o, calls) =>
      isShow(argv) ? { stdout: `LoadState=loaded\nActiveState=${calls < 1 ? "activating" : "active"}\nSubState=running\nResult=success\n` } : undefined,
    );
    await distroOn(backend).waitForUnit("nwh-hello.service");
    expect(backend.calls.filter((c) => isShow(c.argv))).toHaveLength(2);
  });

  test("waitForUnit fails fast on a failed unit, with diagnostics, long before the timeout", async () => {
    const backend = new FakeBackend()
      .on((argv) => (isShow(argv) ? { stdout: "LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\n" } : undefined))
      .on((argv) => (isDiagnostic(argv) ? { stdout: "nwh-broken.service loaded failed failed" } : undefined));
    const distro = new Distro({ handle: backend.bind("d"), timeouts: { ...timeouts, waitMs: 60_000 } });
    const started = performance.now();
    await expect(distro.waitForUnit("nwh-broken.service")).rejects.toThrow(/unit nwh-broken.service failed .*Result=exit-code[\s\S]*nwh-broken.service loaded failed/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(backend.calls.filter((c) => isShow(c.argv))).toHaveLength(1);
    expect(distro.diagnostics[0]).toContain("unit nwh-broken.service failed");
  });

  test("waitForUnit with a user asks that user's manager as that user", async () => {
    const backend = new FakeBackend().on(() => ({ stdout: "LoadState=loaded\nActiveState=active\nSubState=running\nResult=success\n" }));
    await distroOn(backend).waitForUnit("default.target", { user: "nixos" });
    const call = backend.calls[0];
    expect(call?.options.user).toBe("nixos");
    expect(call?.argv.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(call?.argv[2]).toContain("systemctl --user");
    expect(call?.argv.slice(3)).toEqual(["systemctl", "show", "default.target", "--property=LoadState,ActiveState,SubState,Result"]);
  });

  const isJobs = (argv: readonly string[]) => argv.includes("list-jobs");
  const unitShow = (load: string, active: string, sub: string) => `LoadState=${load}\nActiveState=${active}\nSubState=${sub}\nResult=success\n`;
  /** A distro whose wait would last 60 s: a wait that gives up at once must do so long before. */
  const patient = (backend: FakeBackend) => new Distro({ handle: backend.bind("d"), timeouts: { ...timeouts, waitMs: 60_000 } });

  test("waitForUnit fails at once on a masked unit, naming the state, without asking for jobs", async () => {
    const backend = new FakeBackend().on((argv) => (isShow(argv) ? { stdout: unitShow("masked", "inactive", "dead") } : { stdout: "" }));
    const started = performance.now();
    await expect(patient(backend).waitForUnit("user@1000.service")).rejects.toThrow(/unit user@1000.service is masked \(LoadState=masked\) \(the system manager; LoadState=masked, ActiveState=inactive/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(backend.calls.filter((c) => isShow(c.argv))).toHaveLength(1);
    expect(backend.calls.filter((c) => isJobs(c.argv) && c.argv.includes("--plain"))).toHaveLength(0);
  });

  test("waitForUnit fails on a unit that stays not found with no job pending, after the settle time, not the timeout", async () => {
    const backend = new FakeBackend().on((argv) => (isShow(argv) ? { stdout: unitShow("not-found", "inactive", "dead") } : { stdout: "" }));
    const started = performance.now();
    await expect(patient(backend).waitForUnit("nope.service", { settleMs: 300 })).rejects.toThrow(/unit nope.service is not found \(LoadState=not-found\) and no job is pending/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("waitForUnit fails on a unit that stays inactive with no job pending, after the settle time (in the user's manager for a user wait)", async () => {
    const backend = new FakeBackend().on((argv) => (argv.includes("show") ? { stdout: unitShow("loaded", "inactive", "dead") } : { stdout: "" }));
    await expect(patient(backend).waitForUnit("default.target", { user: "nixos", settleMs: 300 })).rejects.toThrow(/unit default.target is inactive and no job is pending \(for \d+ ms\) \(nixos's user manager/);
    const jobs = backend.calls.find((c) => isJobs(c.argv) && c.argv.includes("--plain"));
    expect(jobs?.argv[2]).toContain("systemctl --user");
    expect(jobs?.options.user).toBe("nixos");
  });

  test("waitForUnit keeps waiting on an inactive unit while a job is pending, and returns once it is active", async () => {
    let shows = 0;
    const backend = new FakeBackend().on((argv) => {
      if (isShow(argv)) return { stdout: unitShow("loaded", ++shows < 3 ? "inactive" : "active", shows < 3 ? "dead" : "running") };
      if (isJobs(argv)) return { stdout: "42 nwh-hello.service start waiting\n" };
      return undefined;
    });
    await patient(backend).waitForUnit("nwh-hello.service");
    expect(shows).toBe(3);
  });

  test("waitForUnit does not give up on an inactive unit with no job within the settle time (a login still in PAM starts user@UID)", async () => {
    let shows = 0;
    const backend = new FakeBackend().on((argv) => {
      if (isShow(argv)) return { stdout: ++shows < 6 ? unitShow("loaded", "inactive", "dead") : unitShow("loaded", "active", "running") };
      if (isJobs(argv)) return { stdout: "" };
      return undefined;
    });
    await patient(backend).waitForUnit("user@1000.service");
    expect(shows, "the unit was asked until it was active").toBeGreaterThanOrEqual(6);
  });

  test("waitForUnit does not give up when the unit left its state between the two looks", async () => {
    let shows = 0;
    const backend = new FakeBackend().on((argv) => {
      if (isShow(argv)) return { stdout: ++shows === 1 ? unitShow("loaded", "inactive", "dead") : unitShow("loaded", shows === 2 ? "activating" : "active", "start") };
      if (isJobs(argv)) return { stdout: "" };
      return undefined;
    });
    await patient(backend).waitForUnit("nwh-hello.service");
    expect(shows).toBe(3);
  });

  test("waitForOpenPort and waitForFile poll until the condition holds", async () => {
    const backend = new FakeBackend().on((argv, _o, calls) => {
      if (argv[0] === "ss") return { stdout: calls < 1 ? "" : "LISTEN 0 128 0.0.0.0:8080 0.0.0.0:*" };
      if (argv[0] === "test") return { exitCode: calls < 1 ? 1 : 0 };
      return undefined;
    });
    const distro = distroOn(backend);
    await distro.waitForOpenPort(8080);
    await distro.waitForFile("/run/user/1000/wayland-0");
    expect(backend.calls.map((c) => c.argv[0])).toEqual(["ss", "ss", "test", "test"]);
    await expect(distro.waitForOpenPort(70000)).rejects.toThrow(/1-65535/);
  });
});

describe("system", () => {
  test("installConfig copies the fixture as root to /etc/nixos/configuration.nix, then rebuilds with that operation", async () => {
    const backend = new FakeBackend().on(() => ({ stdout: "activated" }));
    await distroOn(backend).installConfig("with-service.nix", "boot");
    expect(backend.events).toEqual(["copy /fixtures/nixos/with-service.nix -> /etc/nixos/configuration.nix as root"]);
    expect(backend.calls[0]?.argv).toEqual(["nixos-rebuild", "boot"]);
    expect(backend.calls[0]?.options).toMatchObject({ user: "root", timeoutMs: timeouts.bootMs });
  });

  test("successful rebuilds and rollbacks are timed for the reports; a failed one is not", async () => {
    let fail = false;
    const backend = new FakeBackend().on(() => (fail ? { exitCode: 1 } : { stdout: "" }));
    const distro = distroOn(backend);
    await distro.rebuild("switch");
    await distro.installConfig("base.nix", "boot");
    await distro.rollback();
    expect(Object.keys(distro.observedTimingsMs).sort()).toEqual(["rebuildBoot", "rebuildSwitch", "rollback"]);
    for (const ms of Object.values(distro.observedTimingsMs)) expect(ms).toBeGreaterThanOrEqual(0);
    fail = true;
    await expect(distro.rebuild("test")).rejects.toThrow();
    expect(distro.observedTimingsMs.rebuildTest).toBeUndefined();
  });

  test("a failed rebuild throws with its output", async () => {
    const backend = new FakeBackend().on(() => ({ exitCode: 4, stderr: "warning: the following units failed: nwh-broken.service" }));
    await expect(distroOn(backend).rebuild("switch")).rejects.toThrow(/exit code 4[\s\S]*nwh-broken.service/);
    // The units switch-to-configuration names are on the first line (JUnit's failure message).
    const error = (await distroOn(backend).rebuild("switch").catch((e: unknown) => e)) as Error;
    expect(error.message.split("\n")[0]).toBe("command failed with exit code 4 as root: nixos-rebuild switch (the following units failed: nwh-broken.service)");
  });

  test("rollback runs nixos-rebuild switch --rollback; generations parses the system profile", async () => {
    const backend = new FakeBackend().on((argv) =>
      argv[0] === "nix-env" ? { stdout: "   1   2026-11-25 06:00:00   \n   2   2026-11-25 06:01:00   (current)\n" } : { stdout: "" },
    );
    const distro = distroOn(backend);
    await distro.rollback();
    expect(backend.calls[0]?.argv).toEqual(["nixos-rebuild", "switch", "--rollback"]);
    expect(await distro.generations()).toEqual([
      { number: 1, date: "2026-11-25 06:00:00", current: false },
      { number: 2, date: "2026-11-25 06:01:00", current: true },
    ]);
  });

  test("unitProperty returns one trimmed value; terminate and shutdownAll go to the backend and the transcript", async () => {
    const backend = new FakeBackend().on(() => ({ stdout: "active\n" }));
    const distro = distroOn(backend);
    expect(await distro.unitProperty("user@1000.service", "ActiveState")).toBe("active");
    expect(backend.calls[0]?.argv).toEqual(["systemctl", "show", "user@1000.service", "--property=ActiveState", "--value"]);
    await distro.terminate();
    await distro.shutdownAll();
    expect(backend.events).toEqual(["terminate nwh-test-abc123", "shutdown"]);
    expect(distro.transcript.entries.filter((e) => e.note).map((e) => e.note)).toEqual(["terminate nwh-test-abc123", "shutdown: stop every running distro (wsl --shutdown)"]);
  });

  test("withTranscript records into the given transcript only", async () => {
    const { Transcript } = await import("./exec/transcript.ts");
    const backend = new FakeBackend().on(() => ({}));
    const base = distroOn(backend);
    const perTest = new Transcript();
    await base.withTranscript(perTest).succeed("true");
    expect(perTest.entries).toHaveLength(1);
    expect(base.transcript.entries).toHaveLength(0);
  });

  test("timeouts must be positive", () => {
    expect(() => new Distro({ handle: new FakeBackend().bind("d"), timeouts: { ...timeouts, waitMs: 0 } })).toThrow(/timeouts.waitMs must be > 0/);
  });
});
