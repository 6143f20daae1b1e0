import type { BackendDescriptor } from "../backend-descriptor.ts";
import { wslHostFatalFix } from "./wsl-host-fatal.ts";
import { applyWslConfig, TIMING_SETTINGS } from "./wslconfig.ts";

/** WSL: wsl.exe (or the emulator given as --wsl-exe) imports and runs real distros. */
export const wslBackend: BackendDescriptor = {
  kind: "wsl",
  create: async (options) => new (await import("./wsl-backend.ts")).WslBackend(options),
  sweeper: async (options) => new (await import("./wsl-sweeper.ts")).WslSweeper(options),
  availability: async (options) => (await import("./availability.ts")).checkWslAvailability(options),
  adoptsRegisteredDistros: true,
  pinsVmSettings: true,
  pinTimingSettings: () => applyWslConfig(TIMING_SETTINGS),
  needsUserTarball: true,
  startFacts: {},
  hostFatalFix: wslHostFatalFix,
  enterCommand: (_runId, distro) => `wsl -d ${distro}`,
  whyMissing: {
    "windows-host": "this wsl.exe is the Linux WSL emulator, not Windows",
    wslg: "WSLg is not available (emulated WSL, or guiApplications=false)",
    nixos: "the imported tarball is not NixOS (the Linux stand-in)",
  },
};
