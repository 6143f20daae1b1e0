import { describe, expect, it } from "vitest";
import { checkCommandLine, cliHelpReader, usageMentions } from "./cli-flags.ts";

const repoRoot = new URL("../..", import.meta.url).pathname;

describe("usageMentions", () => {
  const usage = "Usage: nwh x [--out DIR] [-n N]\n  -t, --test-name-pattern P   filter\n  --json   print JSON";
  it.each([["--out"], ["-n"], ["-t"], ["--test-name-pattern"], ["--json"]])("finds %s", (flag) => {
    expect(usageMentions(usage, flag)).toBe(true);
  });
  it.each([["--ou"], ["--outfile"], ["-j"], ["--pattern"]])("does not take %s for a flag it lists", (flag) => {
    expect(usageMentions(usage, flag)).toBe(false);
  });
});

describe("checkCommandLine against the real CLI", () => {
  const readHelp = cliHelpReader(repoRoot);

  it("accepts flags that `nwh run --help` lists", async () => {
    expect(await checkCommandLine({ command: ["run"], flags: ["--backend", "--shard", "-t"], line: "nwh run" }, readHelp)).toEqual([]);
  });

  it("names a flag the command does not have", async () => {
    const problems = await checkCommandLine({ command: ["run"], flags: ["--backend", "--shards"], line: "nwh run --shards 2" }, readHelp);
    expect(problems.join("\n")).toMatch(/nwh run has no flag --shards/);
  });

  it("names a command the CLI does not have", async () => {
    const problems = await checkCommandLine({ command: ["rnu"], flags: [], line: "nwh rnu" }, readHelp);
    expect(problems.join("\n")).toMatch(/nwh rnu --help failed \(exit 2\).*unknown command "rnu"/);
  });
});
