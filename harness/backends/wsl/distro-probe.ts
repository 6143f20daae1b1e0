import { type Capability, GUI_STANDIN_MARKER } from "../../backend.ts";

/** One shell script that reports the facts capabilities depend on, as key=value lines. */
export const DISTRO_PROBE_SCRIPT = [
  'echo "pid1=$(cat /proc/1/comm 2>/dev/null)"',
  "[ -e /etc/NIXOS ] && echo nixos-marker=1",
  'command -v nixos-version >/dev/null 2>&1 && echo "nixos-version=$(nixos-version 2>/dev/null | head -n 1)"',
  "command -v nixos-rebuild >/dev/null 2>&1 && echo nixos-rebuild=1",
  "[ -d /mnt/wslg ] && echo wslg-dir=1",
  `[ -e ${GUI_STANDIN_MARKER} ] && echo gui-standin=1`,
  "[ -S /tmp/.X11-unix/X0 ] && echo x11=1",
  "for s in /mnt/wslg/runtime-dir/wayland-0 /run/user/*/wayland-0; do [ -S \"$s\" ] && { echo wayland=1; break; }; done",
  'command -v cmd.exe >/dev/null 2>&1 && [ "$(cmd.exe /c echo ok 2>/dev/null | tr -d \'\\r\')" = ok ] && echo interop=1',
  "true",
].join("\n");

export type ProbeFacts = Record<string, string>;

export function parseProbeOutput(stdout: string): ProbeFacts {
  const facts: ProbeFacts = {};
  for (const line of stdout.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) facts[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return facts;
}

export interface HostSide {
  /** process.platform === "win32" (a real Windows host). */
  windows: boolean;
  /** Localhost forwarding works (real WSL NAT/mirrored; the emulator's published ports). */
  hostNetwork: boolean;
}

/**
 * Capabilities from the probe: "windows-host" only on a real Windows host whose interop runs cmd.exe; "wslg" only
 * there too (an emulated /mnt/wslg is not WSLg); "nixos" only for a real NixOS (the stand-in says so in
 * nixos-version); "internet" never (a suite that needs it must be run where it is known to exist).
 */
export function capabilitiesFromProbe(facts: ProbeFacts, host: HostSide): Set<Capability> {
  const caps = new Set<Capability>(["wsl"]);
  if (facts.pid1 === "systemd") caps.add("systemd");
  const windowsHost = host.windows && facts.interop === "1";
  if (windowsHost) caps.add("windows-host");
  if (windowsHost && facts["wslg-dir"] === "1") caps.add("wslg");
  // Declared (WSLg mounted, or the stand-in's WSLg stand-in), not detected from the sockets: a missing socket is
  // the bug the gui suite looks for (NixOS-WSL #448, #650), so it must fail there, not skip.
  if (facts["wslg-dir"] === "1" || facts["gui-standin"] === "1" || (facts.x11 === "1" && facts.wayland === "1")) caps.add("gui");
  const version = facts["nixos-version"] ?? "";
  const standin = /stand-?in/i.test(version);
  if (facts["nixos-marker"] === "1" && version !== "" && !standin) caps.add("nixos");
  if (standin) caps.add("nixos-standin");
  if (facts["nixos-rebuild"] === "1" && (standin || caps.has("nixos"))) caps.add("nixos-rebuild");
  if (host.hostNetwork) caps.add("host-network");
  return caps;
}
