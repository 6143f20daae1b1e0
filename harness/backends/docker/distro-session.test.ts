import { describe, expect, it } from "vitest";
import { selectSession, sessionEnv } from "./distro-session.ts";
import { parsePasswd } from "./wsl-conf.ts";

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

describe("sessionEnv", () => {
  it("sets what WSL sets and docker exec does not, and the display variables for the sockets that are up", () => {
    const { session } = selectSession(users, "nixos");
    const base = { HOME: "/home/nixos", USER: "nixos", LOGNAME: "nixos", SHELL: "/bin/zsh" };
    expect(sessionEnv(session, { x11: false, waylandSockets: [] })).toEqual(base);
    expect(sessionEnv(session, { x11: true, waylandSockets: ["/run/user/1000/wayland-0"] })).toEqual({ ...base, DISPLAY: ":0", WAYLAND_DISPLAY: "wayland-0", XDG_RUNTIME_DIR: "/run/user/1000" });
    expect(sessionEnv(session, { x11: true, waylandSockets: ["/run/user/1001/wayland-0"] }), "another user's socket is not this session's").toEqual({ ...base, DISPLAY: ":0" });
  });
});
