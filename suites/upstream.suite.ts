// Counterparts of NixOS-WSL's Pester tests (tests/*.Tests.ps1), named after them: "<Describe> › <It>".
// Slow activation and username change live in rebuild.suite.ts; suites/README.md maps every one.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Distro } from "../harness/distro.ts";
import { SHELLS, writeShellConfig } from "./lib/shell-config.ts";
import { defaultUid } from "./lib/users.ts";
import { bootWithinInitTimeout } from "./lib/boot-budget.ts";
import { describeLoginShell } from "./lib/login-shell.ts";
import { installConfigThroughShell } from "./lib/install-through-shell.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const lastLine = (text: string) => text.replace(/\r/g, "").trimEnd().split("\n").at(-1) ?? "";

describe("Basic Functionality", () => {
  // As upstream, the first command of a distro just imported: the file's own distro was booted and probed by the
  // harness before any test, which would hide a race of the first start (#593, #602).
  test("is possible to run a command in the container (nixos-version)", async ({ machine, distro, skip }) => {
    const tarball = machine.run.tarball;
    if (!tarball) skip("needs the run's tarball: an adopted distro (--distro) has been started before, and there is nothing to import afresh");
    // Removed with the file's distro (kept with it under --keep-failed, for a look at the failed first start).
    const fresh = await machine.importDistro(tarball!, "first-start", distro.transcript);
    const version = await fresh.shell("nixos-version", { timeoutMs: distro.timeouts.bootMs });
    // NixOS-WSL's shell wrapper exits 0 when it cannot exec the shell: the empty output is what shows it (#621, #593).
    const cause = async () => `${oneLine(version.stderr) || "nothing on stderr"}; ${await describeLoginShell(fresh)}`;
    const what = "nixos-version through the login shell, the first command after import,";
    if (version.exitCode !== 0) expect.fail(`${what} exited ${version.exitCode}: ${await cause()}`);
    if (version.stdout.trim() === "") expect.fail(`${what} printed nothing: ${await cause()}`);
  });

  test("is possible to run a second command", async ({ distro }) => {
    expect((await distro.shell("true")).exitCode).toBe(0);
  });

  test("is possible to run a command after restarting the container", async ({ distro }) => {
    await distro.terminate();
    expect((await distro.shell("true")).exitCode).toBe(0);
  });

  test("is possible to use nixos-rebuild (sudo nixos-rebuild switch)", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    const rebuild = await distro.shell("sudo nixos-rebuild switch < /dev/null", { timeoutMs: distro.timeouts.bootMs });
    expect(rebuild.exitCode, rebuild.stderr).toBe(0);
  });

  test("is possible to run a command through nix-shell (nix-shell -p hello)", async ({ distro, requires }) => {
    requires("nixpkgs");
    const hello = await distro.shell("nix-shell -p hello --command hello", { timeoutMs: distro.timeouts.bootMs });
    expect(hello.exitCode, hello.stderr).toBe(0);
    expect(lastLine(hello.stdout)).toBe("Hello, world!");
  });

  test("is possible to run a command through nix run (nixpkgs#hello)", async ({ distro, requires }) => {
    requires("nixpkgs", "internet");
    const hello = await distro.shell("nix --extra-experimental-features 'nix-command flakes' run nixpkgs#hello", { timeoutMs: distro.timeouts.bootMs });
    expect(hello.exitCode, hello.stderr).toBe(0);
    expect(lastLine(hello.stdout)).toBe("Hello, world!");
  });
});

describe("Exit Codes", () => {
  test("should return 0 when running true", async ({ distro }) => {
    expect((await distro.shell("true")).exitCode).toBe(0);
  });

  test("should return 1 when running false", async ({ distro }) => {
    expect((await distro.shell("false")).exitCode).toBe(1);
  });
});

describe("Systemd Services", () => {
  // Upstream asks once after the start; WSL's init gives systemd boot.initTimeout to reach running (microsoft/WSL#11822).
  test("should boot (is-system-running = running within boot.initTimeout of a start)", async ({ distro, requires }) => {
    requires("systemd");
    const boot = await bootWithinInitTimeout(distro);
    distro.transcript.note(`${boot.state} after ${boot.systemdMs} ms by systemd's clock (boot.initTimeout ${boot.budgetMs} ms)`);
    if (boot.state !== "running") {
      const failed = await distro.systemctl(["list-units", "--failed", "--plain", "--no-legend", "--no-pager"]);
      expect.fail(`the system is ${boot.state}, not running; failed units: ${oneLine(failed.stdout) || "(none listed)"}`);
    }
  });

  test("should not have any failed unit", async ({ distro, requires }) => {
    requires("systemd");
    const failed = await distro.shell("sudo systemctl list-units --failed");
    expect(failed.exitCode, failed.stderr).toBe(0);
    expect(lastLine(failed.stdout.replace(/\n\s*\n/g, "\n"))).toBe("0 loaded units listed.");
  });

  test("should not have any systemd-analyze verify warnings (multi-user.target)", async ({ distro, requires }) => {
    requires("systemd");
    const verify = await distro.execute(["sh", "-c", "systemd-analyze verify multi-user.target --no-pager 2>&1"], { user: "root" });
    expect(verify.exitCode).toBe(0);
    expect(verify.stdout.trim()).toBe("");
  });
});

describe("Systemd User Daemon", () => {
  test("should be possible to connect to the user daemon (waited for, no fixed 10 s sleep)", async ({ distro, requires }) => {
    requires("systemd");
    await distro.shell("true");
    await distro.waitForUnit(`user@${await defaultUid(distro)}.service`);
    const user = (await distro.succeed(["id", "-un"])).trim();
    const status = await distro.systemctl(["status", "--no-pager"], { user });
    expect(status.exitCode, status.stderr).toBe(0);
  });
});

describe("Login Shell", () => {
  test("should start commands in a login shell (shopt login_shell via stdin)", async ({ distro }) => {
    // As upstream: no command, the user's shell reads the lines from stdin.
    const session = await distro.shell("", { input: "shopt login_shell\necho\n" });
    expect(session.stdout).toMatch(/login_shell\s+on/);
  });

  test("should be possible to access home-manager sessionVariables in bash", async ({ distro, requires, destructive }) => {
    requires("nixpkgs", "internet", "nixos-rebuild");
    destructive();
    await distro.installConfig("session-variables.nix", "switch");
    await distro.succeed("test -f ~/.nix-profile/etc/profile.d/hm-session-vars.sh");
    expect(lastLine((await distro.shell("", { input: "echo $TEST_VARIABLE\n" })).stdout)).toBe("THISISATESTSTRING");
    expect(lastLine((await distro.shell("", { input: "echo $EDITOR\n" })).stdout)).toBe("vim");
  });
});

/** Where upstream's It names a shell otherwise than by its executable. */
const UPSTREAM_SHELL_NAMES: Record<string, string> = { pwsh: "PowerShell", nu: "nushell" };

describe("Shells", () => {
  // Each shell runs the next rebuild through itself (upstream's InstallConfig through `wsl -d`); bash again last, so
  // that every shell has run one.
  const cases = [...SHELLS.map((shell) => ({ shell, name: `should be possible to use ${UPSTREAM_SHELL_NAMES[shell.executable] ?? shell.executable}` })), { shell: SHELLS[0]!, name: "should be possible to go back to bash" }];
  for (const { shell, name } of cases) {
    test(name, async ({ distro, machine, requires, destructive }) => {
      requires("nixos-rebuild", ...(shell.inBaseSystem ? [] : (["nixpkgs"] as const)));
      destructive();
      const config = writeShellConfig(path.join(machine.run.workDir, `shells-${randomBytes(3).toString("hex")}`), shell);
      await installConfigThroughShell(distro, config, "switch");
      const printed = await distro.shell(shell.printShell);
      expect(printed.exitCode, printed.stderr).toBe(0);
      expect(lastLine(printed.stdout)).toBe(`/run/current-system/sw/bin/${shell.executable}`);
    });
  }
});

describe("Docker (native)", () => {
  // Upstream's BeforeAll: docker-native.nix switched in once per distro, by whichever of these runs first.
  const installed = new Map<string, Promise<void>>();
  const withDocker = async (distro: Distro) => {
    if (!installed.has(distro.name)) installed.set(distro.name, distro.installConfig("docker-native.nix", "switch").then(() => {}));
    await installed.get(distro.name);
  };
  const runHelloWorld = async (distro: Distro) => {
    const run = await distro.shell("docker run --rm -i hello-world", { timeoutMs: distro.timeouts.bootMs });
    expect(run.exitCode, run.stderr).toBe(0);
  };

  test("should be possible to run a docker container", async ({ distro, requires, destructive }) => {
    requires("nixpkgs", "internet", "nixos-rebuild");
    destructive();
    await withDocker(distro);
    await runHelloWorld(distro);
  });

  test("should still be possible to run a docker container after a restart", async ({ distro, requires, destructive }) => {
    requires("nixpkgs", "internet", "nixos-rebuild");
    destructive();
    await withDocker(distro);
    await distro.terminate();
    await runHelloWorld(distro);
  });

  test("should be possible to mount a volume from the host", async ({ distro, requires, destructive }) => {
    requires("nixpkgs", "internet", "nixos-rebuild");
    destructive();
    await withDocker(distro);
    const token = randomBytes(8).toString("hex");
    const dir = lastLine(await distro.succeed("mktemp -d"));
    await distro.succeed(["sh", "-c", 'echo "$1" > "$2/testfile"', "write", token, dir]);
    const read = await distro.shell(`docker run --rm -i -v ${dir}:/mnt alpine cat /mnt/testfile`, { timeoutMs: distro.timeouts.bootMs });
    expect(lastLine(read.stdout)).toBe(token);
    expect(read.exitCode, read.stderr).toBe(0);
  });
});

describe("envfs", () => {
  test("should allow running scripts with #!/bin/python3 instead of #!/usr/bin/env python3", async ({ distro, requires, destructive }) => {
    requires("nixpkgs", "nixos-rebuild");
    destructive();
    await distro.installConfig("envfs.nix", "switch");
    expect((await distro.shell("true")).exitCode, "the distro still starts commands").toBe(0);
    await distro.succeed(`printf '#!/bin/python3\\nprint("hello")\\n' > ~/test.py && chmod +x ~/test.py`);
    expect(lastLine((await distro.shell("~/test.py")).stdout)).toBe("hello");
  });
});

describe("Extra Files", () => {
  test("should be possible to build a tarball with extra files, import it, and read the files", async ({ distro, machine, requires }) => {
    requires("nixos", "nixpkgs");
    const hostTarball = path.join(machine.run.workDir, `extra-files-${randomBytes(3).toString("hex")}.wsl`);
    const target = await distro.toDistroPath(hostTarball);
    await distro.succeed("nix-build -A config.system.build.tarballBuilder '<nixpkgs/nixos>'", { timeoutMs: distro.timeouts.bootMs });
    await distro.succeed("mkdir -p extra-files/root extra-files/home/nixos && echo extra > extra-files/root/extra-file && echo extra > extra-files/home/nixos/extra-file");
    await distro.succeed(["sh", "-c", 'sudo ./result/bin/nixos-wsl-tarball-builder --extra-files extra-files --chown /home/nixos/extra-file 1000:100 "$1"', "build", target], { timeoutMs: distro.timeouts.bootMs });
    // Removed with the suite file's distro (kept with it under --keep).
    const withExtras = await machine.importDistro(hostTarball, "extra-files", distro.transcript);
    expect(lastLine(await withExtras.succeed("cat /home/nixos/extra-file"))).toBe("extra");
    await withExtras.fail("cat /root/extra-file");
    expect(lastLine(await withExtras.succeed("sudo cat /root/extra-file"))).toBe("extra");
  });
});
