import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWslInit } from "../../fixtures/wsl-init/build-init.ts";
import { exec } from "../exec/index.ts";
import { idLines } from "../backends/docker/docker-cli.ts";
import { labelFilterArgs, runLabels } from "../container/docker-labels.ts";
import { testRunId, testTarball } from "../backends/docker/itest-support.ts";
import { systemdDockerRunArgs } from "../container/systemd-container-flags.ts";
import { argvCommandForm } from "./argv-command-form.ts";
import { readDistroFile } from "./distro-command.ts";
import { initContainerEnv } from "./init-mount.ts";
import { startInstance } from "./instance-start.ts";
import { planLaunch } from "./launch.ts";
import { launchDockerArgs, type LaunchRequest } from "./launch-request.ts";
import { userSessionWarning } from "./session-warning.ts";
import { wslDistroConfig } from "./wsl-conf.ts";

const runId = testRunId();
const image = `nwh-wsl-init-itest:${runId.toLowerCase()}`;
let init = "";
let serial = 0;

const docker = (args: string[], timeoutMs = 120_000) => exec(["docker", ...args], { timeoutMs, check: true });

/** A stand-in container booted by the twin's /init, as both Docker-based backends create them. */
async function startDistro(prepare?: string, initEnv: Record<string, string> = { NWH_WSL_DISTRO_NAME: "Itest" }): Promise<string> {
  const name = `nwh-wsl-init-itest-${runId}-${++serial}`.toLowerCase();
  const labels = Object.entries(runLabels(runId, `d${serial}`)).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  const env = Object.entries(initEnv).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  await docker(["create", "--name", name, "--hostname", "standin", ...labels, ...systemdDockerRunArgs(), "-v", `${init}:/init:ro`, ...env, image, "/init"]);
  await docker(["start", name]);
  if (prepare) {
    // Change the distro, then start it again: wsl.conf is read at an instance start.
    await startInstance(name);
    await docker(["exec", name, "/init", "--nwh-launch", "--uid", "0", "--exec", "/bin/sh", "-c", prepare]);
    await docker(["restart", "-t", "10", name]);
  }
  return name;
}

async function launch(request: Omit<LaunchRequest, "systemd" | "wslg" | "sessionFailed"> & Partial<LaunchRequest>, input?: string) {
  const args = launchDockerArgs({ systemd: true, wslg: false, sessionFailed: false, ...request, interactive: input !== undefined });
  return exec(["docker", ...args], { timeoutMs: 60_000, input });
}

/** The user's shell from passwd: the NixOS layout's wrapper, or the real shell on the older stand-in. */
async function passwdShell(container: string, user: string): Promise<string> {
  const line = (await readDistroFile(container, "/etc/passwd")).split("\n").find((l) => l.startsWith(`${user}:`)) ?? "";
  return line.split(":")[6] ?? "";
}

interface ShmMount {
  mountPoint: string;
  root: string;
  device: string;
  fsType: string;
}

/** The mounts on /run/shm and /dev/shm from a mountinfo, in mount order. */
function shmMounts(mountinfo: string): ShmMount[] {
  return mountinfo
    .split("\n")
    .map((line) => {
      const [fields = "", fs = ""] = line.split(" - ");
      const [, , device = "", root = "", mountPoint = ""] = fields.split(" ");
      return { mountPoint, root, device, fsType: fs.split(" ")[0] ?? "" };
    })
    .filter((m) => m.mountPoint === "/run/shm" || m.mountPoint === "/dev/shm");
}

describe("the WSL init twin (/init) on the stand-in", () => {
  let distro = "";
  beforeAll(async () => {
    init = await buildWslInit();
    await docker(["import", "--change", `LABEL nwh.managed=true`, "--change", `LABEL nwh.run=${runId}`, await testTarball(), image], 600_000);
    distro = await startDistro();
    const started = await startInstance(distro);
    expect(started.config.systemd).toBe(true);
    expect(started.boot?.ready, started.boot?.note).toBe(true);
  }, 900_000);

  afterAll(async () => {
    const ids = idLines(await exec(["docker", "ps", "-a", "-q", ...labelFilterArgs({ runId })], { timeoutMs: 30_000 }));
    if (ids.length > 0) await exec(["docker", "rm", "-f", "-v", ...ids], { timeoutMs: 120_000 });
    await exec(["docker", "image", "rm", image], { timeoutMs: 60_000 });
  }, 300_000);

  it("exec form: a program not on WSL's PATH fails with WSL's execvpe line and exit 1", async () => {
    const result = await launch({ container: distro, uid: 1000, form: { kind: "exec", argv: ["nwh-no-such-program", "x"] } });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^<3>WSL \(\d+ - Relay\) ERROR: CreateProcessCommon:819: execvpe\(nwh-no-such-program\) failed: No such file or directory\n$/);
  });

  it("exec form: WSL's environment, the user's from passwd, the systemd session's variables, nothing of Docker's", async () => {
    const result = await launch({ container: distro, uid: 1000, env: { WSL_DISTRO_NAME: "Itest" }, form: { kind: "exec", argv: ["/usr/bin/env"] } });
    expect(result.exitCode, result.stderr).toBe(0);
    const env = Object.fromEntries(result.stdout.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    expect(env).toMatchObject({
      HOSTTYPE: "x86_64", LANG: "en_US.UTF-8", TERM: "xterm-256color",
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games",
      HOME: "/home/nixos", USER: "nixos", LOGNAME: "nixos", SHELL: await passwdShell(distro, "nixos"),
      WSL_DISTRO_NAME: "Itest", NAME: "nixos",
      DBUS_SESSION_BUS_ADDRESS: "unix:path=/run/user/1000/bus", XDG_RUNTIME_DIR: "/run/user/1000",
    });
    expect(env.HOSTNAME, "Docker's variables do not leak into the launched process").toBeUndefined();
    expect(env.DISPLAY).toBeUndefined();
    const gui = await launch({ container: distro, uid: 1000, wslg: true, systemd: false, form: { kind: "exec", argv: ["/usr/bin/env"] } });
    expect(gui.stdout).toMatch(/^DISPLAY=:0$/m);
    expect(gui.stdout).toMatch(/^WAYLAND_DISPLAY=wayland-0$/m);
    expect(gui.stdout).not.toMatch(/^XDG_RUNTIME_DIR=/m);
  });

  it("shell form: pw_shell -c CMDLINE with argv0 the shell's path; with the login flag -<name>", async () => {
    const shell = await passwdShell(distro, "nixos");
    const plain = await launch({ container: distro, uid: 1000, form: { kind: "shell", commandLine: 'echo "$0"; id -u; pwd', login: false } });
    // NixOS-WSL's shell wrapper execs the real shell as "<name>" unless its own argv0 starts with "-".
    const argv0 = /-wrapped-[^/]+\/wrapper$/.test(shell) ? "bash" : shell;
    expect(plain.stdout).toBe(`${argv0}\n1000\n/home/nixos\n`);
    const login = await launch({ container: distro, uid: 1000, cwd: "~/..", form: { kind: "shell", commandLine: 'echo "$0"; pwd', login: true } });
    expect(login.stdout).toBe("-bash\n/home\n");
  });

  it("login shell: no command line, argv0 -<name>, reads its commands from stdin", async () => {
    const result = await launch({ container: distro, uid: 0, form: { kind: "login-shell" } }, 'echo "$0"; shopt -q login_shell && echo login\n');
    expect(result.stdout).toBe("-bash\nlogin\n");
  });

  it("an unusable --cd is not fatal: WSL's chdir line, and the process stays where init was (/)", async () => {
    const result = await launch({ container: distro, uid: 1000, cwd: "/nonexistent", form: { kind: "shell", commandLine: "pwd", login: false } });
    expect(result.stderr).toMatch(/^<3>WSL \(\d+ - Relay\) ERROR: CreateProcessCommon:811: chdir\(\/nonexistent\) failed 2\n/);
    expect(result.stdout).toBe("/\n");
  });

  it("the argv command form finds programs on the distro's own PATH and passes variables through env", async () => {
    const result = await launch({ container: distro, uid: 1000, form: { kind: "exec", argv: argvCommandForm(["printenv", "A"], { A: "x y" }) } });
    expect(result.stdout).toBe("x y\n");
  });

  it("generates /etc/resolv.conf (header + Docker's nameservers) and /etc/hosts; hostname from wsl.conf", async () => {
    const resolv = await readDistroFile(distro, "/etc/resolv.conf");
    expect(resolv).toMatch(
      /^# This file was automatically generated by WSL\. To stop automatic generation of this file, add the following entry to \/etc\/wsl\.conf:\n# \[network\]\n# generateResolvConf = false\nnameserver \S+\n/,
    );
    const link = await launch({ container: distro, uid: 0, form: { kind: "exec", argv: argvCommandForm(["readlink", "/etc/resolv.conf"]) } });
    expect(link.stdout).toBe("/mnt/wsl/resolv.conf\n");
    const hosts = await readDistroFile(distro, "/etc/hosts");
    expect(hosts).toMatch(/^# This file was automatically generated by WSL\..*\n# \[network\]\n# generateHosts = false\n127\.0\.0\.1\tlocalhost\n127\.0\.1\.1\tnixos\.localdomain\tnixos\n/);
    const mounts = await readDistroFile(distro, "/proc/self/mountinfo");
    expect(mounts, "Docker's bind mounts of resolv.conf, hosts, hostname are gone").not.toMatch(/ \/etc\/(resolv\.conf|hosts|hostname) /);
    expect((await readDistroFile(distro, "/etc/hostname")).trim()).toBe("nixos");
  });

  it("with generateResolvConf=false and generateHosts=false the distro's own files stay", async () => {
    const own = await startDistro(
      [
        "sed -i 's/^generateResolvConf=true/generateResolvConf=false/; s/^generateHosts=true/generateHosts=false/' /etc/wsl.conf",
        "rm -f /etc/resolv.conf && echo 'nameserver 192.0.2.53 # the distro own' > /etc/resolv.conf",
        "echo '127.0.0.1 own-hosts' > /etc/hosts",
      ].join(" && "),
    );
    const started = await startInstance(own);
    expect(wslDistroConfig(started.wslConfText)).toMatchObject({ generateResolvConf: false, generateHosts: false });
    expect(await readDistroFile(own, "/etc/resolv.conf")).toBe("nameserver 192.0.2.53 # the distro own\n");
    // The distro's own file (its activation may add to it, as NixOS does when WSL does not generate it).
    const hosts = await readDistroFile(own, "/etc/hosts");
    expect(hosts).toMatch(/^127\.0\.0\.1 own-hosts\n/);
    expect(hosts).not.toContain("generated by WSL");
  });

  it("/dev/shm is WSL's: a directory with the /run/shm tmpfs bound onto it, and no mount of Docker's or systemd's", async () => {
    const mounts = shmMounts(await readDistroFile(distro, "/proc/self/mountinfo"));
    expect(mounts.map((m) => m.mountPoint), "the mounts on /run/shm and /dev/shm, in mount order").toEqual(["/run/shm", "/dev/shm"]);
    const [runShm, devShm] = mounts;
    expect(runShm).toMatchObject({ fsType: "tmpfs", root: "/" });
    expect(devShm, "/dev/shm is a bind of /run/shm's root (same device, same root)").toEqual({ ...runShm, mountPoint: "/dev/shm" });
    const same = await launch({ container: distro, uid: 0, form: { kind: "shell", commandLine: "test -L /dev/shm && echo link; stat -c '%d:%i' /run/shm /dev/shm", login: false } });
    const [a, b, ...rest] = same.stdout.trim().split("\n");
    expect(rest, same.stdout).toEqual([]);
    expect(a, "the same directory (device:inode) behind /run/shm and /dev/shm").toBe(b);
  });

  it("NWH_WSL_DEV_SHM=symlink: the old WSL's /dev/shm, a symlink to /run/shm, and nothing mounted through it", async () => {
    const old = await startDistro(undefined, initContainerEnv({ distroName: "Itest", devShm: "symlink" }));
    const started = await startInstance(old);
    expect(started.boot?.ready, started.boot?.note).toBe(true);
    const link = await launch({ container: old, uid: 0, form: { kind: "exec", argv: argvCommandForm(["readlink", "/dev/shm"]) } });
    expect(link.stdout).toBe("/run/shm\n");
    const mounts = shmMounts(await readDistroFile(old, "/proc/self/mountinfo"));
    expect(mounts.map((m) => m.mountPoint), "systemd's mount-setup follows the link and finds /run/shm mounted").toEqual(["/run/shm"]);
    const environ = await launch({ container: old, uid: 0, form: { kind: "shell", commandLine: "tr '\\0' '\\n' < /proc/1/environ", login: false } });
    expect(environ.stdout, "systemd's environment").toMatch(/^container=docker$/m);
    expect(environ.stdout, "the switch is /init's, not handed on to systemd").not.toContain("NWH_WSL_DEV_SHM");
  });

  it("a failing user session: the launched command's stderr starts with WSL's warning, once per uid per start", async () => {
    const broken = await startDistro(
      // initTimeout 3 s keeps the poll short; user@1000 masked: it never becomes active.
      "sed -i 's/^systemd=true/systemd=true\\ninitTimeout=3000/' /etc/wsl.conf && ln -sf /dev/null /etc/systemd/system/user@1000.service",
    );
    const started = await startInstance(broken);
    expect(started.config.initTimeoutMs).toBe(3000);
    const claimed = new Set<number>();
    const run = async () => {
      const plan = await planLaunch({ container: broken, user: { name: "nixos", uid: 1000 }, config: started.config, form: { kind: "exec", argv: argvCommandForm(["echo", "ran"]) }, wslg: false, claimedSessions: claimed });
      return { plan, result: await exec(["docker", ...plan.dockerArgs], { timeoutMs: 60_000 }) };
    };
    const first = await run();
    expect(first.plan.session).toMatchObject({ ok: false, created: true });
    expect(first.result.stderr.startsWith(`${userSessionWarning("nixos")}\n`), first.result.stderr).toBe(true);
    expect(first.result.stdout).toBe("ran\n");
    const second = await run();
    expect(second.plan.session).toMatchObject({ ok: true, created: false });
    expect(second.result.stderr).toBe("");
  });
});
