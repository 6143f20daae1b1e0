import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeWslExe, recorded } from "./fake-wsl-exe.test-helper.ts";
import { WslCli } from "./wsl-cli.ts";
import { WslError } from "./wsl-error.ts";

let fake: FakeWslExe;
let cli: WslCli;
beforeEach(() => {
  fake = new FakeWslExe().answer("list", { out: recorded("list-en.utf16le.txt") }).answer("shutdown", { out: "" });
  cli = new WslCli({ wslExe: fake.path, timeoutMs: 20_000, retryMinTimeoutMs: 10, upgradeWaitMs: 10_000 });
});
afterEach(() => fake.remove());

describe("retry policy against a scripted wsl.exe (real processes)", () => {
  it("HCS_E_CONNECTION_TIMEOUT: --shutdown, then one retry that succeeds", async () => {
    fake.failFirst("list", 1, { out: recorded("error-hcs-timeout-createvm.utf16le.txt") });
    const entries = await cli.list();
    expect(entries.map((e) => e.name)).toContain("Ubuntu-24.04");
    expect(fake.calls()).toEqual(["-l -v", "--shutdown", "-l -v"]);
  });

  it("HCS_E_CONNECTION_TIMEOUT twice: gives up after the one retry, with the code in the error", async () => {
    fake.failFirst("list", 5, { out: recorded("error-hcs-timeout-createvm.utf16le.txt") });
    const error = await cli.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WslError);
    expect((error as WslError).code).toBe("Wsl/Service/CreateInstance/CreateVm/HCS_E_CONNECTION_TIMEOUT");
    expect((error as WslError).exitCode).toBe(255);
    expect(fake.calls()).toEqual(["-l -v", "--shutdown", "-l -v"]);
  });

  it("ERROR_SHARING_VIOLATION printed as hex: --shutdown, then retry", async () => {
    fake.failFirst("terminate", 1, { out: recorded("error-sharing-violation-hex-zh-TW.utf8.txt") });
    await cli.run(["--terminate", "nwh-x-abcd"]);
    expect(fake.calls()).toEqual(["--terminate nwh-x-abcd", "--shutdown", "--terminate nwh-x-abcd"]);
  });

  it("RPC disconnects: retried without --shutdown, at most twice", async () => {
    fake.failFirst("list", 2, { out: recorded("error-rpc-server-unavailable.utf16le.txt") });
    await cli.list();
    expect(fake.calls()).toEqual(["-l -v", "-l -v", "-l -v"]);
  });

  it("fatal errors fail fast: one call, no --shutdown", async () => {
    fake.failFirst("run", 3, { out: recorded("error-distro-not-found-de.utf8.txt") });
    const error = (await cli.runInDistro(["-d", "nwh-missing-000000", "--exec", "true"]).catch((e: unknown) => e)) as WslError;
    expect(error).toBeInstanceOf(WslError);
    expect(error.name).toBe("WSL_E_DISTRO_NOT_FOUND");
    expect(error.wslMessage).toBe("Es ist keine Distribution mit dem angegebenen Namen vorhanden.");
    expect(error.argv).toEqual([fake.path, "-d", "nwh-missing-000000", "--exec", "true"]);
    expect(fake.calls()).toEqual(["-d nwh-missing-000000 --exec true"]);
  });

  it("'WSL is finishing an upgrade...': polls --status until it clears, then retries", async () => {
    fake
      .failFirst("list", 1, { out: recorded("error-update-failed-during-upgrade.stdout.utf16le.txt"), err: recorded("error-update-failed-during-upgrade.stderr.utf16le.txt") })
      .answer("status", { out: recorded("status-en.utf16le.txt") })
      .answer("status", { err: recorded("error-update-failed-during-upgrade.stderr.utf16le.txt") }, 1)
      .answer("status", { err: recorded("error-update-failed-during-upgrade.stderr.utf16le.txt") }, 2);
    await cli.list();
    expect(fake.calls()).toEqual(["-l -v", "--status", "--status", "--status", "-l -v"]);
  });

  it("bounds the wait for an upgrade that never finishes", async () => {
    const quick = new WslCli({ wslExe: fake.path, timeoutMs: 20_000, retryMinTimeoutMs: 10, upgradeWaitMs: 300 });
    fake
      .failFirst("list", 9, { out: recorded("error-update-failed-during-upgrade.stdout.utf16le.txt"), err: recorded("error-update-failed-during-upgrade.stderr.utf16le.txt") })
      .answer("status", { out: recorded("status-en.utf16le.txt"), err: recorded("error-update-failed-during-upgrade.stderr.utf16le.txt") });
    await expect(quick.list()).rejects.toThrow(/recovery after "WSL is finishing an upgrade: wait for wsl --status" failed: Timed out after 300 ms waiting for WSL to finish its upgrade/);
    expect(fake.calls().filter((c) => c === "-l -v")).toHaveLength(1);
  });
});

describe("decoding and exit codes", () => {
  it("reads -l -v in UTF-8 too, and the no-distros answer (exit 255) as an empty list", async () => {
    fake.answer("list", { out: recorded("list-empty-ja.utf16le.txt"), exit: 255 });
    expect(await cli.list()).toEqual([]);
  });

  it("passes WSL_UTF8=1 to wsl.exe", async () => {
    fake.answer("other", { out: "" });
    const { result } = await cli.run(["--print-env"]);
    expect(result.exitCode).toBe(0);
    const env = await new WslCli({ wslExe: "/usr/bin/env" }).run([]);
    expect(env.text).toMatch(/^WSL_UTF8=1$/m);
  });

  it("returns a Linux process's exit 255 and output as they are", async () => {
    fake.answer("run", { out: recorded("exec-linux-output.utf8.txt"), exit: 255 });
    const result = await cli.runInDistro(["-d", "NixOS", "--exec", "sh", "-c", "exit 255"]);
    expect(result.exitCode).toBe(255);
    expect(result.stdout).toBe("grüße ✓ 日本語\nNAME=NixOS\n");
  });

  it("falls back to --status when an old inbox wsl.exe prints usage for --version", async () => {
    fake.answer("version", { out: recorded("version-old-inbox-usage.utf16le.txt"), exit: 255 }).answer("status", { out: recorded("status-old-inbox.utf16le.txt") });
    expect(await cli.version()).toMatchObject({ legacy: true, status: { defaultVersion: 2, kernelVersion: "5.10.102.1" } });
  });

  it("parses --version of a current wsl.exe", async () => {
    fake.answer("version", { out: recorded("version-de.utf16le.txt") });
    expect(await cli.version()).toMatchObject({ legacy: false, version: { wslVersion: "2.7.11.0", windowsVersion: "10.0.26100.4946" } });
  });
});

describe("listVerboseText (the failure bundle's wsl -l -v)", () => {
  it("decodes the recorded UTF-16LE listing as a person reads it (LF lines, the default distro's star kept)", async () => {
    const text = await cli.listVerboseText();
    expect(text.split("\n")).toEqual(["  NAME                STATE           VERSION", "* Ubuntu-24.04        Running         2", "  nwh-smoke-k3j9x2    Stopped         2", "  docker-desktop      Stopped         2", ""]);
  });

  it("keeps the recorded no-distros answer (exit -1, no error code) as the listing, not a failure", async () => {
    fake.answer("list", { out: recorded("list-empty-en.utf16le.txt"), exit: 255 });
    expect(await cli.listVerboseText()).toMatch(/^Windows Subsystem for Linux has no installed distributions\./);
  });

  it("does not retry: an HCS timeout is thrown at once (the bundle is bounded)", async () => {
    fake.failFirst("list", 1, { out: recorded("error-hcs-timeout-createvm.utf16le.txt") });
    await expect(cli.listVerboseText()).rejects.toBeInstanceOf(WslError);
    expect(fake.calls()).toEqual(["-l -v"]);
  });
});
