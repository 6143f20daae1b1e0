import { describe, expect, it } from "vitest";
import { dockerExecArgs } from "./exec-args.ts";

describe("dockerExecArgs", () => {
  it("passes argv through untouched after the container", () => {
    expect(dockerExecArgs({ container: "c1", argv: ["echo", "a b", "$HOME", "'q'"] })).toEqual(["exec", "c1", "echo", "a b", "$HOME", "'q'"]);
  });

  it("adds -i for input, user, cwd and environment before the container", () => {
    expect(dockerExecArgs({ container: "c1", argv: ["cat"], interactive: true, user: "nixos", cwd: "/tmp", env: { A: "1 2", B: "" } })).toEqual([
      "exec", "-i", "-u", "nixos", "-w", "/tmp", "-e", "A=1 2", "-e", "B=", "c1", "cat",
    ]);
  });

  it("refuses an empty argv and an invalid variable name", () => {
    expect(() => dockerExecArgs({ container: "c", argv: [] })).toThrow(/argv/);
    expect(() => dockerExecArgs({ container: "c", argv: ["x"], env: { "A=B": "1" } })).toThrow(/"A=B"/);
  });
});
