import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { argvCommandForm } from "./argv-command-form.ts";

describe("argvCommandForm", () => {
  it("runs a program named without a path through NixOS-WSL's wrapped /bin/sh (WSL's PATH has no programs there)", () => {
    expect(argvCommandForm(["systemctl", "is-system-running"])).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "systemctl", "is-system-running"]);
  });

  it("hands programs that exist by absolute path on NixOS-WSL to --exec as they are", () => {
    expect(argvCommandForm(["/bin/wslpath", "-u", "C:\\x"])).toEqual(["/bin/wslpath", "-u", "C:\\x"]);
    expect(argvCommandForm(["/bin/sh", "-c", "echo $0"])).toEqual(["/bin/sh", "-c", "echo $0"]);
  });

  it("wraps an absolute path NixOS-WSL does not have (/usr/bin/id is Debian's layout)", () => {
    expect(argvCommandForm(["/usr/bin/id", "-u"])).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/id", "-u"]);
  });

  it("sets variables through /usr/bin/env in front of the program, also for an absolute program", () => {
    expect(argvCommandForm(["nix", "eval"], { NIX_CONFIG: "a = b", LANG: "C" })).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/env", "NIX_CONFIG=a = b", "LANG=C", "nix", "eval"]);
    expect(argvCommandForm(["/bin/sh", "-c", "x"], { A: "1" })).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/env", "A=1", "/bin/sh", "-c", "x"]);
  });

  it("refuses what the form would misread", () => {
    expect(() => argvCommandForm([])).toThrow(/must name a program/);
    expect(() => argvCommandForm(["ls"], { "A=B": "1" })).toThrow(/"A=B" is not valid/);
    expect(() => argvCommandForm(["-x"])).toThrow(/starts with "-"/);
    expect(() => argvCommandForm(["a=b"], { A: "1" })).toThrow(/contains "="/);
  });
});

describe("the argv form run by a real POSIX sh", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-argv-form-"));
  const program = 'my "odd" prog';
  writeFileSync(path.join(dir, program), '#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\nprintf "{%s}" "$GREETING"\ncat\nexit 7\n');
  chmodSync(path.join(dir, program), 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(form: string[]) {
    // /bin/sh and /usr/bin/env exist on this host too; the program is found on PATH as on NixOS-WSL.
    return spawnSync(form[0] as string, form.slice(1), { input: "stdin bytes", env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: "utf8" });
  }

  it("keeps a program name with spaces and quotes and every argument whole, passes stdin and the exit code", () => {
    const result = run(argvCommandForm([program, "a b", "", "$HOME", "'q'", "*"]));
    expect(result.stdout).toBe("[a b][][$HOME]['q'][*]{}stdin bytes");
    expect(result.status).toBe(7);
  });

  it("sets the variables given", () => {
    expect(run(argvCommandForm([program], { GREETING: "hello world" })).stdout).toBe("{hello world}stdin bytes");
  });

  it("reports a missing program as the shell's exit 127", () => {
    expect(run(argvCommandForm(["nwh-no-such-program"])).status).toBe(127);
  });
});

