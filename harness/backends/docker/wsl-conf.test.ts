import { describe, expect, it } from "vitest";
import { parsePasswd, parseWslConfDefaultUser } from "./wsl-conf.ts";

describe("parseWslConfDefaultUser", () => {
  it("reads [user] default", () => {
    expect(parseWslConfDefaultUser("[boot]\nsystemd=true\n\n[user]\ndefault=nixos\n")).toBe("nixos");
  });

  it("ignores case of section and key, spaces, quotes and comments", () => {
    expect(parseWslConfDefaultUser("# header\n[User]\n  Default = \"alice\"  # the user\n")).toBe("alice");
    expect(parseWslConfDefaultUser("# x\r\n[user]\r\ndefault=bob\r\n")).toBe("bob");
    // Only # is a comment: WSL's parser stops at the first invalid line.
    expect(parseWslConfDefaultUser("; x\r\n[user]\r\ndefault=bob\r\n")).toBeUndefined();
  });

  it("ignores a default key outside [user] and an empty value", () => {
    expect(parseWslConfDefaultUser("[boot]\ndefault=nixos\n")).toBeUndefined();
    expect(parseWslConfDefaultUser("[user]\ndefault=\n")).toBeUndefined();
    expect(parseWslConfDefaultUser("")).toBeUndefined();
  });

  it("keeps the first assignment, as WSL (it warns about the duplicate)", () => {
    expect(parseWslConfDefaultUser("[user]\ndefault=a\n[network]\nhostname=x\n[user]\ndefault=b\n")).toBe("a");
  });
});

describe("parsePasswd", () => {
  it("parses entries and skips malformed lines", () => {
    expect(parsePasswd("root:x:0:0:root:/root:/bin/bash\nbroken line\nnixos:x:1000:100::/home/nixos:/run/current-system/sw/bin/bash\n")).toEqual([
      { name: "root", uid: 0, gid: 0, home: "/root", shell: "/bin/bash" },
      { name: "nixos", uid: 1000, gid: 100, home: "/home/nixos", shell: "/run/current-system/sw/bin/bash" },
    ]);
  });
});
