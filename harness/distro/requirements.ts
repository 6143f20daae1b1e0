import type { BackendKind, Capability } from "../backend.ts";
import { backendDescriptor } from "../backends/registry.ts";

/** What the capability means, for capabilities without a backend-specific reason. */
const MEANING: Record<Capability, string> = {
  systemd: "systemd as PID 1",
  nixos: "a real NixOS system",
  "nixos-standin": "the Linux stand-in's nixos-rebuild",
  "nixos-rebuild": "working nixos-rebuild switch/boot/test/--rollback",
  nixpkgs: "a reachable nixpkgs",
  internet: "internet access from the distro",
  "windows-host": "a Windows host (Windows binaries, interop)",
  wsl: "a distro driven by wsl.exe",
  wslg: "real WSLg",
  gui: "an X11 and a Wayland display in the distro",
  "host-network": "TCP between host and distro in both directions",
};

/** The skip reason for the first unmet capability, or undefined when all are met. */
export function unmetRequirement(needs: readonly Capability[], have: ReadonlySet<Capability>, backend: BackendKind): string | undefined {
  const missing = needs.filter((need) => !have.has(need));
  if (missing.length === 0) return undefined;
  return missing.map((need) => `needs ${need}: ${backendDescriptor(backend).whyMissing[need] ?? `this ${backend} distro lacks ${MEANING[need]}`}`).join("; ");
}

/** The skip reason for a scenario that changes the system, or undefined when it may run. */
export function destructiveSkipReason(run: { distro?: string; allowDestructive: boolean }, what = "changes the system"): string | undefined {
  if (run.distro === undefined || run.allowDestructive) return undefined;
  return `${what}: skipped on the adopted distro "${run.distro}" (pass --allow-destructive to run it)`;
}

/**
 * The skip reason for a scenario that stops every distro of the machine (`wsl --shutdown`), or undefined when it may
 * run: on an adopted distro that stops the user's other distros too.
 */
export function shutdownSkipReason(run: { distro?: string; allowDestructive: boolean }): string | undefined {
  return destructiveSkipReason(run, "runs wsl --shutdown, which stops every running distro of the machine, your other distros too");
}
