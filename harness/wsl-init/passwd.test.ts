import { describe, expect, it } from "vitest";
import { parsePasswd } from "./passwd.ts";

describe("parsePasswd", () => {
  it("parses entries and skips malformed lines", () => {
    expect(parsePasswd("root:x:0:0:root:/root:/bin/bash\nbroken line\nnixos:x:1000:100::/home/nixos:/run/current-system/sw/bin/bash\r\n")).toEqual([
      { name: "root", uid: 0, gid: 0, home: "/root", shell: "/bin/bash" },
      { name: "nixos", uid: 1000, gid: 100, home: "/home/nixos", shell: "/run/current-system/sw/bin/bash" },
    ]);
  });

  it("gives an empty home / and an empty shell /bin/sh, as WSL's init does", () => {
    expect(parsePasswd("svc:x:5:5:::\n")).toEqual([{ name: "svc", uid: 5, gid: 5, home: "/", shell: "/bin/sh" }]);
  });
});
