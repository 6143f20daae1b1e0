import type { BackendKind, Capability } from "../backend.ts";

/** Why a backend lacks a capability, in words a maintainer reading a skipped test understands. */
const WHY_MISSING: Record<BackendKind, Partial<Record<Capability, string>>> = {
  docker: {
    "windows-host": "the docker backend runs on Linux, no Windows binaries",
    wsl: "the docker backend does not drive wsl.exe",
    wslg: "the docker backend has no WSLg (the stand-in's Xvfb/weston count as `gui` only)",
    nixos: "the docker backend runs the Linux stand-in, not NixOS",
    nixpkgs: "no nixpkgs channel is reachable offline on the docker backend",
    internet: "the docker backend's distros have no internet access",
  },
  wsl: {
    "windows-host": "this wsl.exe is the Linux WSL emulator, not Windows",
    wslg: "WSLg is not available (emulated WSL, or guiApplications=false)",
    nixos: "the imported tarball is not NixOS (the Linux stand-in)",
  },
};

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
  return missing.map((need) => `needs ${need}: ${WHY_MISSING[backend][need] ?? `this ${backend} distro lacks ${MEANING[need]}`}`).join("; ");
}

/** The skip reason for a scenario that changes the system, or undefined when it may run. */
export function destructiveSkipReason(run: { distro?: string; allowDestructive: boolean }): string | undefined {
  if (run.distro === undefined || run.allowDestructive) return undefined;
  return `changes the system: skipped on the adopted distro "${run.distro}" (pass --allow-destructive to run it)`;
}
