import { describe, expect, it } from "vitest";
import { EXEC_ARGV_SCRIPT } from "../../wsl-init/argv-command-form.ts";
import { splitWindowsCommandLine } from "../../../fixtures/wsl-relay/windows-command-line.ts";
import { quoteWindowsArg, wslArgs } from "./wsl-commands.ts";

/** The arguments a Windows program gets from its command line after its own name (CommandLineToArgvW). */
const argsOf = (line: string) => splitWindowsCommandLine(`wsl.exe ${line}`).slice(1).map((word) => word.value);

describe("the argv form on a Windows command line", () => {
  it("quotes exec \"$@\" the way libuv and CommandLineToArgvW agree on", () => {
    expect(quoteWindowsArg(EXEC_ARGV_SCRIPT)).toBe('"exec \\"$@\\""');
    expect(argsOf(quoteWindowsArg(EXEC_ARGV_SCRIPT))).toEqual([EXEC_ARGV_SCRIPT]);
  });

  it("survives the round trip through wsl.exe's command line, user, directory and variables included", () => {
    const args = wslArgs.exec("NixOS", ['my "odd" prog', "C:\\dir with space\\", "a\\\\\"b"], { user: "root", cwd: "/tmp/a b", env: { A: 'x "y"' } });
    expect(argsOf(args.map(quoteWindowsArg).join(" "))).toEqual(args);
    expect(args).toEqual(["-d", "NixOS", "-u", "root", "--cd", "/tmp/a b", "--exec", "/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/env", 'A=x "y"', 'my "odd" prog', "C:\\dir with space\\", 'a\\\\"b']);
  });
});
