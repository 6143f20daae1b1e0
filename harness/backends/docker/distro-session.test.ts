import { describe, expect, it } from "vitest";
import { selectSession } from "./distro-session.ts";
import { parsePasswd } from "../../wsl-init/passwd.ts";

const users = parsePasswd("root:x:0:0:root:/root:/bin/bash\nnixos:x:1000:100::/home/nixos:/bin/zsh\n");

describe("selectSession", () => {
  it("uses the wsl.conf default user, root without one, and an explicit user on request", () => {
    expect(selectSession(users, "nixos").session).toEqual({ user: "nixos", uid: 1000, home: "/home/nixos", shell: "/bin/zsh" });
    expect(selectSession(users, undefined).session.user).toBe("root");
    expect(selectSession(users, "nixos", "root").session.user).toBe("root");
    expect(selectSession(users, "nixos", "1000").session.user).toBe("nixos");
  });

  it("falls back to root with a warning for a missing default user, and refuses an unknown explicit user", () => {
    const { session, warning } = selectSession(users, "ghost");
    expect(session.user).toBe("root");
    expect(warning).toMatch(/"ghost".*using root/);
    expect(() => selectSession(users, "nixos", "ghost")).toThrow(/user "ghost" does not exist/);
  });
});
