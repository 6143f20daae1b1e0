import { readFile } from "node:fs/promises";
import os from "node:os";
import type { HostFacts } from "../../backend.ts";
import { exec } from "../../exec/index.ts";

/** Facts about this machine and its Docker engine, for report properties and bench environments. */
export async function dockerHostFacts(): Promise<HostFacts> {
  const [version, info, cgroupFs, osRelease] = await Promise.all([
    exec(["docker", "version", "--format", "{{.Server.Version}}"], { timeoutMs: 15_000 }),
    exec(["docker", "info", "--format", "{{.CgroupVersion}} {{.CgroupDriver}} {{.OperatingSystem}}"], { timeoutMs: 15_000 }),
    exec(["stat", "-f", "-c", "%T", "/sys/fs/cgroup"], { timeoutMs: 5_000 }).catch(() => undefined),
    readFile("/etc/os-release", "utf8").catch(() => ""),
  ]);
  const [engineCgroupVersion = "", cgroupDriver = "", ...engineOs] = info.stdout.trim().split(" ");
  return {
    backend: "docker",
    dockerVersion: version.stdout.trim() || "unknown",
    dockerCgroupVersion: engineCgroupVersion || "unknown",
    dockerCgroupDriver: cgroupDriver || "unknown",
    dockerOs: engineOs.join(" ") || "unknown",
    kernel: os.release(),
    hostOs: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? `${os.type()} ${os.release()}`,
    cgroupVersion: await cgroupVersion(cgroupFs?.stdout.trim()),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cpus: String(os.cpus().length),
  };
}

/** "2" (unified), "1" (legacy) or "hybrid" (v1 with cgroup2 at /sys/fs/cgroup/unified). */
async function cgroupVersion(fsType: string | undefined): Promise<string> {
  if (fsType === "cgroup2fs") return "2";
  const unified = await readFile("/sys/fs/cgroup/unified/cgroup.controllers", "utf8").then(() => true, () => false);
  return unified ? "hybrid" : fsType ? "1" : "unknown";
}
