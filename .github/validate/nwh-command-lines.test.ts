// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell and GitHub Actions expressions, not templates
import { describe, expect, it } from "vitest";
import { nwhCommandLines, shellWords } from "./nwh-command-lines.ts";

describe("shellWords", () => {
  it("groups quotes, keeps expressions whole and splits operators", () => {
    expect(shellWords(`npx nwh run --tarball "$T x" -t 'a b' > out.md 2>&1 || status=$?`)).toEqual(["npx", "nwh", "run", "--tarball", "$T x", "-t", "a b", ">", "out.md", "2>&1", "||", "status=$?"]);
    expect(shellWords("echo ${{ inputs.a }}; nwh doctor # --json")).toEqual(["echo", "EXPR", ";", "nwh", "doctor"]);
    expect(shellWords('echo "$(date)" "${arr[@]}"')).toEqual(["echo", "$(date)", "${arr[@]}"]);
  });
});

describe("nwhCommandLines", () => {
  it("finds npx nwh, bare nwh and node bin/nwh.js with their command words and flags", () => {
    const script = [
      "npx nwh run --backend wsl --tarball \"$TARBALL\" --shard=1/2 \\",
      "  --reports-dir reports/shard-1",
      "sudo --preserve-env env \"PATH=$PATH\" npx nwh standin build --variant base",
      "node bin/nwh.js report merge shards/a shards/b --out merged",
      "if true; then nwh doctor --json; fi",
      'echo "nwh run --not-a-command"',
    ].join("\n");
    expect(nwhCommandLines(script).map(({ command, flags }) => ({ command, flags }))).toEqual([
      { command: ["run"], flags: ["--backend", "--tarball", "--shard", "--reports-dir"] },
      { command: ["standin", "build"], flags: ["--variant"] },
      { command: ["report", "merge"], flags: ["--out"] },
      { command: ["doctor"], flags: ["--json"] },
    ]);
  });

  it("counts flags added to the nwh_args array for the line that expands it", () => {
    const script = ['nwh_args=(-n 3)', 'for s in $S; do nwh_args+=(--suite "$s"); done', 'npx nwh bench --backend wsl "${nwh_args[@]}" | tee x', "npx nwh compare a.json b.json --json"].join("\n");
    expect(nwhCommandLines(script).map(({ command, flags }) => ({ command, flags }))).toEqual([
      { command: ["bench"], flags: ["--backend", "-n", "--suite"] },
      { command: ["compare"], flags: ["--json"] },
    ]);
  });
});
