import { describe, expect, it } from "vitest";
import { launchDockerArgs } from "./launch-request.ts";
import { userSessionPollCommand } from "./login-session.ts";
import { initTimeoutNote, userSessionWarning } from "./session-warning.ts";

const base = { container: "c1", uid: 1000, systemd: true, wslg: false, sessionFailed: false } as const;

describe("launchDockerArgs", () => {
  it("exec form: the argv as given, through /init as root, nothing of Docker's", () => {
    expect(launchDockerArgs({ ...base, form: { kind: "exec", argv: ["true"] } })).toEqual(["exec", "-u", "root", "c1", "/init", "--nwh-launch", "--uid", "1000", "--systemd", "--exec", "true"]);
  });

  it("shell form, login shell, options", () => {
    expect(launchDockerArgs({ ...base, systemd: false, form: { kind: "shell", commandLine: "echo $0", login: false } })).toEqual([
      "exec", "-u", "root", "c1", "/init", "--nwh-launch", "--uid", "1000", "--shell", "echo $0",
    ]);
    expect(
      launchDockerArgs({ ...base, cwd: "~/x", wslg: true, sessionFailed: true, env: { WSL_DISTRO_NAME: "d" }, interactive: true, tty: true, form: { kind: "login-shell" } }),
    ).toEqual(["exec", "-i", "-t", "-u", "root", "c1", "/init", "--nwh-launch", "--uid", "1000", "--cwd", "~/x", "--systemd", "--wslg", "--session-failed", "--env", "WSL_DISTRO_NAME=d", "--login-shell"]);
    expect(launchDockerArgs({ ...base, form: { kind: "shell", commandLine: "x", login: true } }).slice(-3)).toEqual(["--shell", "x", "--login"]);
  });

  it("refuses bad requests", () => {
    expect(() => launchDockerArgs({ ...base, form: { kind: "exec", argv: [] } })).toThrow(/needs a program/);
    expect(() => launchDockerArgs({ ...base, uid: -1, form: { kind: "login-shell" } })).toThrow(/uid/);
    expect(() => launchDockerArgs({ ...base, env: { "A B": "1" }, form: { kind: "login-shell" } })).toThrow(/A B/);
  });
});

describe("WSL's texts and version-dependent behaviour", () => {
  it("the user-session poll calls /usr/bin/systemctl on WSL 2.6.0 only (microsoft/WSL#13236)", () => {
    expect(userSessionPollCommand(1000)).toBe("systemctl is-active user@1000.service");
    expect(userSessionPollCommand(1000, "2.6.1.0")).toBe("systemctl is-active user@1000.service");
    expect(userSessionPollCommand(1000, "2.6.0.0")).toBe("/usr/bin/systemctl is-active user@1000.service");
    expect(userSessionPollCommand(0, "2.6.0")).toBe("/usr/bin/systemctl is-active user@0.service");
    expect(userSessionPollCommand(1000, "2.6.01")).toBe("systemctl is-active user@1000.service");
  });

  it("warning and boot note", () => {
    expect(userSessionWarning("nixos")).toBe("wsl: Failed to start the systemd user session for 'nixos'. See journalctl for more details.");
    expect(initTimeoutNote(10000)).toBe("/sbin/init failed to start within 10000ms");
  });
});
