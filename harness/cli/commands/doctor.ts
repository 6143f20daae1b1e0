import os from "node:os";
import type { BackendAvailability } from "../../backends/backend-options.ts";
import { checkAvailability, defaultBackendKind, backendKinds, parseBackendKind } from "../../backends/registry.ts";
import { loadConfig } from "../../config/load.ts";
import { harnessVersion } from "../../model/harness-version.ts";
import { parseCommand } from "../parse-command.ts";

const definition = {
  name: "doctor",
  usage: `Usage: nwh doctor [--backend wsl|docker] [--wsl-exe PATH] [--json] [--config FILE]

Checks the host: OS, Node version, and whether each backend can run here, with the reason.
Exits 1 when the selected backend (--backend, the config's, or this OS's default) cannot run.

  --backend wsl|docker  the backend that must be available (default: wsl on Windows, docker elsewhere)
  --wsl-exe PATH        wsl.exe to check (or set NWH_WSL_EXE)
  --json                print one JSON object on stdout instead of text
  --config FILE         config file (default ./nwh.config.ts)`,
  options: {
    backend: { type: "string" },
    "wsl-exe": { type: "string" },
    json: { type: "boolean" },
    config: { type: "string" },
  },
} as const;

export async function doctorCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const config = await loadConfig({ file: parsed.values.config });
  const selected = parseBackendKind(parsed.values.backend) ?? parseBackendKind(config.backend, "backend in the config") ?? defaultBackendKind();
  const wslExe = parsed.values["wsl-exe"] ?? config.wslExe;
  const kinds = backendKinds();
  const checks = await Promise.all(kinds.map((kind) => checkAvailability(kind, { wslExe })));
  const backends = Object.fromEntries(kinds.map((kind, i) => [kind, checks[i] as BackendAvailability]));
  const report = {
    harnessVersion: harnessVersion(),
    host: { os: process.platform, release: os.release(), arch: process.arch, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown" },
    node: { version: process.versions.node, ok: nodeIsSupported() },
    selectedBackend: selected,
    backends,
  };
  const chosen = backends[selected] as BackendAvailability;
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const line = (name: string, ok: boolean, text: string) => `  ${ok ? "ok  " : "FAIL"} ${name.padEnd(8)} ${text}`;
    process.stdout.write(
      [
        `nixos-wsl-harness ${report.harnessVersion}`,
        line("host", true, `${report.host.os} ${report.host.release} ${report.host.arch}, ${report.host.cpus} × ${report.host.cpuModel}`),
        line("node", report.node.ok, `${report.node.version}${report.node.ok ? "" : " (needs >= 22.12; Node 24 LTS is tested)"}`),
        ...kinds.map((kind) => line(kind, backends[kind]?.available ?? false, backends[kind]?.reason ?? "")),
        `selected backend: ${selected}`,
        "",
      ].join("\n"),
    );
  }
  if (!chosen.available) {
    process.stderr.write(`nwh doctor: the ${selected} backend cannot run here: ${chosen.reason}\n`);
    return 1;
  }
  return report.node.ok ? 0 : 1;
}

function nodeIsSupported(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}
