import { describe, expect, it } from "vitest";
import { importDistroArgs, quoteWindowsArg, windowsShellCommandLine, wslArgs } from "./wsl-commands.ts";

describe("wsl.exe argument lists", () => {
  it("builds each management command", () => {
    expect(wslArgs.version()).toEqual(["--version"]);
    expect(wslArgs.status()).toEqual(["--status"]);
    expect(wslArgs.listVerbose()).toEqual(["-l", "-v"]);
    expect(wslArgs.shutdown()).toEqual(["--shutdown"]);
    expect(wslArgs.terminate("nwh-a-1234")).toEqual(["--terminate", "nwh-a-1234"]);
    expect(wslArgs.unregister("nwh-a-1234")).toEqual(["--unregister", "nwh-a-1234"]);
    expect(wslArgs.export("nwh-a-1234", "C:\\out\\a.tar")).toEqual(["--export", "nwh-a-1234", "C:\\out\\a.tar"]);
    expect(wslArgs.setDefaultUser("nwh-a-1234", "nixos")).toEqual(["--manage", "nwh-a-1234", "--set-default-user", "nixos"]);
  });

  it("runs argv without a command line, in the argv form (NixOS-WSL's PATH), with user, directory and variables when given", () => {
    expect(wslArgs.exec("NixOS", ["id", "-u"])).toEqual(["-d", "NixOS", "--exec", "/bin/sh", "-c", 'exec "$@"', "sh", "id", "-u"]);
    expect(wslArgs.exec("NixOS", ["ls", "a b"], { user: "root", cwd: "/tmp", env: { A: "1" } })).toEqual([
      "-d", "NixOS", "-u", "root", "--cd", "/tmp", "--exec", "/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/env", "A=1", "ls", "a b",
    ]);
    expect(wslArgs.exec("NixOS", ["/bin/wslpath", "-w", "/etc"])).toEqual(["-d", "NixOS", "--exec", "/bin/wslpath", "-w", "/etc"]);
  });

  it("hands a command line to the user's shell after --", () => {
    expect(wslArgs.shell("NixOS", "shopt login_shell")).toEqual(["-d", "NixOS", "--", "shopt login_shell"]);
    expect(wslArgs.shell("NixOS", "whoami", { user: "root" })).toEqual(["-d", "NixOS", "-u", "root", "--", "whoami"]);
    expect(wslArgs.shell("NixOS", ""), "no command line: the login shell reads stdin").toEqual(["-d", "NixOS"]);
  });
});

describe("importDistroArgs", () => {
  const base = { distro: "nwh-smoke-abcd12", location: "C:\\nwh\\run\\nwh-smoke-abcd12" };

  it("installs .wsl files with --install --from-file on WSL >= 2.4.4", () => {
    for (const wslVersion of ["2.4.4.0", "2.7.11.0"]) {
      expect(importDistroArgs({ ...base, file: "C:\\dl\\nixos.wsl", wslVersion })).toEqual([
        "--install", "--from-file", "C:\\dl\\nixos.wsl", "--name", "nwh-smoke-abcd12", "--location", "C:\\nwh\\run\\nwh-smoke-abcd12", "--no-launch", "--version", "2",
      ]);
    }
  });

  it("imports .wsl files with --import on older WSL, and when the version is unknown (old inbox)", () => {
    for (const wslVersion of ["2.4.3.0", "1.2.5.0", undefined]) {
      expect(importDistroArgs({ ...base, file: "C:\\dl\\NIXOS.WSL", wslVersion })).toEqual([
        "--import", "nwh-smoke-abcd12", "C:\\nwh\\run\\nwh-smoke-abcd12", "C:\\dl\\NIXOS.WSL", "--version", "2",
      ]);
    }
  });

  it("always imports tarballs with --import --version 2", () => {
    expect(importDistroArgs({ ...base, file: "/cache/standin.tar.gz", wslVersion: "2.7.11.0" })).toEqual([
      "--import", "nwh-smoke-abcd12", "C:\\nwh\\run\\nwh-smoke-abcd12", "/cache/standin.tar.gz", "--version", "2",
    ]);
  });
});

describe("Windows command line of the shell form", () => {
  it("quotes like CommandLineToArgvW splits", () => {
    expect(quoteWindowsArg("plain")).toBe("plain");
    expect(quoteWindowsArg("C:\\Program Files\\x")).toBe('"C:\\Program Files\\x"');
    expect(quoteWindowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteWindowsArg("ends\\")).toBe("ends\\");
    expect(quoteWindowsArg("a b\\")).toBe('"a b\\\\"');
    expect(quoteWindowsArg("")).toBe('""');
  });

  it("leaves the command line after -- as it is", () => {
    expect(windowsShellCommandLine(["-d", "NixOS", "--cd", "C:\\My Dir", "--", 'echo "$HOME" && shopt login_shell'])).toBe(
      '-d NixOS --cd "C:\\My Dir" -- echo "$HOME" && shopt login_shell',
    );
  });
});
