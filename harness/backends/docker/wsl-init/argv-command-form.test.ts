import { describe, expect, it } from "vitest";
import { argvCommandForm } from "./argv-command-form.ts";

describe("argvCommandForm", () => {
  it("runs the argv through the distro's /bin/sh so PATH comes from /etc/set-environment", () => {
    expect(argvCommandForm(["true"])).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "true"]);
    expect(argvCommandForm(["printf", "%s\n", "a b", "$HOME"])).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "printf", "%s\n", "a b", "$HOME"]);
  });

  it("passes variables through /usr/bin/env", () => {
    expect(argvCommandForm(["id", "-u"], { A: "1", B: "x y" })).toEqual(["/bin/sh", "-c", 'exec "$@"', "sh", "/usr/bin/env", "A=1", "B=x y", "id", "-u"]);
  });

  it("refuses what env or sh would misread", () => {
    expect(() => argvCommandForm([])).toThrow(/argv must name a program/);
    expect(() => argvCommandForm(["x"], { "BAD-NAME": "1" })).toThrow(/BAD-NAME/);
    expect(() => argvCommandForm(["A=B"], { X: "1" })).toThrow(/must not start with "-" or contain "="/);
  });
});
