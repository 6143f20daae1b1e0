import { createServer, connect, type Server } from "node:net";
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec, Transcript } from "../../exec/index.ts";
import { waitUntil } from "../../wait.ts";
import { DockerBackend } from "./docker-backend.ts";
import { runResources, testRunId, testTarball, testWorkDir } from "./itest-support.ts";
import { PUBLISHED_PORTS } from "../../container/published-ports.ts";

const runId = testRunId();
const distro = "itest-main";
let workDir: string;
let backend: DockerBackend;
const transcript = new Transcript();

beforeAll(async () => {
  workDir = await testWorkDir();
  backend = new DockerBackend({ runId, workDir, transcript });
  await backend.importDistro({ name: distro, tarball: await testTarball() });
});

afterAll(async () => {
  await backend?.dispose();
  expect(await runResources(runId)).toEqual([]);
  await rm(workDir, { recursive: true, force: true });
});

describe("Docker backend on a real engine", () => {
  it("boots systemd as PID 1 and says so in its capabilities", async () => {
    const caps = await backend.capabilities(distro);
    expect(caps.has("systemd")).toBe(true);
    expect(caps.has("host-network")).toBe(true);
    for (const never of ["windows-host", "wsl", "wslg", "nixos", "nixpkgs", "internet"] as const) expect(caps.has(never)).toBe(false);
    const state = await backend.exec(distro, ["systemctl", "is-system-running"]);
    expect(["running", "degraded"]).toContain(state.stdout.trim());
  });

  it("runs as the wsl.conf default user, and as root on request", async () => {
    const conf = await backend.exec(distro, ["cat", "/etc/wsl.conf"], { user: "root" });
    const configured = /^\s*default\s*=\s*(\S+)/m.exec(conf.stdout)?.[1] ?? "root";
    const who = await backend.exec(distro, ["sh", "-c", 'id -un; echo "$HOME"; pwd']);
    const [user, home, cwd] = who.stdout.trim().split("\n");
    expect(user).toBe(configured);
    expect(cwd).toBe(home);
    expect((await backend.exec(distro, ["id", "-u"], { user: "root" })).stdout.trim()).toBe("0");
  });

  it("passes cwd, env and stdin, and returns a non-zero exit without throwing", async () => {
    const result = await backend.exec(distro, ["sh", "-c", 'pwd; echo "$GREETING"; tr a-z A-Z; exit 3'], { cwd: "/etc", env: { GREETING: "hi there" }, input: "from stdin\n" });
    expect(result.stdout).toBe("/etc\nhi there\nFROM STDIN\n");
    expect(result.exitCode).toBe(3);
  });

  it("runs a command line through the user's shell, like wsl -d NAME -- cmdline", async () => {
    const result = await backend.shell(distro, 'echo "$0" && read line && echo "got $line" | rev', { input: "abc\n" });
    const [shell, reversed] = result.stdout.trim().split("\n");
    expect(shell).toMatch(/sh$/);
    expect(reversed).toBe("cba tog");
  });

  it("records every call in the caller's transcript", async () => {
    const own = new Transcript();
    await backend.exec(distro, ["true"], { transcript: own });
    expect(own.entries.at(-1)?.argv).toEqual(expect.arrayContaining(["docker", "exec", "true"]));
  });

  it("copies binary files both ways, also through tmpfs /tmp", async () => {
    const bytes = randomBytes(300_000);
    const source = path.join(workDir, "blob.bin");
    const back = path.join(workDir, "blob.back");
    await writeFile(source, bytes);
    await backend.copyToDistro(distro, source, "/tmp/blob.bin");
    const owner = await backend.exec(distro, ["stat", "-c", "%U", "/tmp/blob.bin"]);
    const me = await backend.exec(distro, ["id", "-un"]);
    expect(owner.stdout).toBe(me.stdout);
    await backend.copyFromDistro(distro, "/tmp/blob.bin", back);
    expect(Buffer.compare(await readFile(back), bytes)).toBe(0);
  });

  it("runs a script copied to /tmp, as on WSL (the tmpfs is not noexec)", async () => {
    const script = path.join(workDir, "hello.sh");
    await writeFile(script, "#!/bin/sh\necho script ran\n", { mode: 0o755 });
    await backend.copyToDistro(distro, script, "/tmp/hello.sh");
    await backend.exec(distro, ["chmod", "+x", "/tmp/hello.sh"]);
    expect((await backend.exec(distro, ["/tmp/hello.sh"])).stdout).toBe("script ran\n");
  });

  it("shares only the run directory, at the same path", async () => {
    const shared = path.join(workDir, "shared.txt");
    await writeFile(shared, "seen from both sides\n");
    const inside = await backend.toDistroPath(distro, shared);
    expect(inside).toBe(shared);
    expect((await backend.exec(distro, ["cat", inside], { user: "root" })).stdout).toBe("seen from both sides\n");
    expect(await backend.toHostPath(distro, inside)).toBe(shared);
    await expect(backend.toDistroPath(distro, "/etc/passwd")).rejects.toThrow(/shares no file system .* except the run directory/);
  });

  it("restarts a terminated distro on the next exec, booted again", async () => {
    await backend.exec(distro, ["sh", "-c", "echo marker > /run/nwh-marker"], { user: "root" });
    await backend.terminate(distro);
    const inspect = await exec(["docker", "ps", "-q", "--filter", `label=nwh.run=${runId}`], { timeoutMs: 30_000, check: true });
    expect(inspect.stdout.trim()).toBe("");
    const afterRestart = await backend.exec(distro, ["systemctl", "is-system-running"]);
    expect(["running", "degraded"]).toContain(afterRestart.stdout.trim());
    // /run is a tmpfs: a fresh boot has lost the marker.
    expect((await backend.exec(distro, ["test", "-e", "/run/nwh-marker"])).exitCode).toBe(1);
  });

  it("starts a distro stopped from inside (poweroff) on the next exec", async () => {
    await backend.exec(distro, ["systemctl", "poweroff"], { user: "root" });
    await waitUntil(async () => (await exec(["docker", "ps", "-q", "--filter", `label=nwh.run=${runId}`], { timeoutMs: 30_000 })).stdout.trim() === "", {
      timeoutMs: 60_000,
      what: "the container to stop after poweroff",
    });
    expect((await backend.exec(distro, ["echo", "back"])).stdout).toBe("back\n");
  });

  it("reaches a distro port from this machine on 127.0.0.1 (published port)", async () => {
    const port = PUBLISHED_PORTS.find((p) => p === 8080) ?? PUBLISHED_PORTS[0];
    const endpoint = await backend.distroEndpoint(distro, port);
    expect(endpoint.host).toBe("127.0.0.1");
    await expect(distroServerReply(endpoint, port)).resolves.toBe("hello from the distro\n");
  });

  it("reaches an unpublished distro port at its address on the run's own network", async () => {
    const endpoint = await backend.distroEndpoint(distro, 4711);
    expect(endpoint.port).toBe(4711);
    expect(endpoint.host).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await expect(distroServerReply(endpoint, 4711)).resolves.toBe("hello from the distro\n");
  });

  it("lets the distro reach a server on this machine at the run network's gateway", async () => {
    const { listenHost, distroSeesHostAs } = await backend.hostServiceAddress(distro);
    const server = await listen(listenHost);
    try {
      const port = (server.address() as { port: number }).port;
      const script = `exec 3<>/dev/tcp/${distroSeesHostAs}/${port}; cat <&3`;
      const result = await backend.exec(distro, ["bash", "-c", script], { timeoutMs: 20_000 });
      expect(result.stdout).toBe("hello from the host\n");
    } finally {
      server.close();
    }
  });

  it("reports host facts", async () => {
    const facts = await backend.hostFacts();
    expect(facts).toMatchObject({ backend: "docker" });
    expect(facts.dockerVersion).toMatch(/^\d+\.\d+/);
    expect(facts.kernel).not.toBe("");
    expect(facts.cgroupVersion).toMatch(/^(1|2|hybrid)$/);
  });
});

/** Starts a one-shot TCP server in the distro (perl-base is in every Debian-based rootfs) and reads its greeting. */
async function distroServerReply(endpoint: { host: string; port: number }, distroPort: number): Promise<string> {
  const server = `use IO::Socket::INET;
    my $s = IO::Socket::INET->new(LocalAddr => "0.0.0.0", LocalPort => $ARGV[0], Listen => 1, ReuseAddr => 1) or die "listen: $!";
    my $c = $s->accept; print $c "hello from the distro\\n"; close $c;`;
  const started = backend.exec(distro, ["perl", "-e", server, String(distroPort)], { user: "root", timeoutMs: 60_000 });
  try {
    return await waitUntil(() => readOnce(endpoint), { timeoutMs: 20_000, what: `a reply from ${endpoint.host}:${endpoint.port}` });
  } finally {
    expect((await started).exitCode).toBe(0);
  }
}

function readOnce(endpoint: { host: string; port: number }): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint.port, endpoint.host);
    let data = "";
    socket.setTimeout(5_000, () => socket.destroy(new Error("timeout")));
    socket.on("data", (chunk) => {
      data += chunk.toString();
    });
    socket.on("end", () => resolve(data || undefined));
    socket.on("error", reject);
  });
}

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end("hello from the host\n"));
    server.once("error", reject);
    server.listen(0, host, () => resolve(server));
  });
}
