import { describe, expect, it } from "vitest";
import { capabilitiesFromProbe, parseProbeOutput } from "./distro-probe.ts";

const standin = parseProbeOutput(
  "pid1=systemd\nnixos-marker=1\nnixos-version=25.05.standin (Linux stand-in, not NixOS)\nnixos-rebuild=1\nx11=1\nwayland=1\n",
);
const realNixos = parseProbeOutput("pid1=systemd\nnixos-marker=1\nnixos-version=25.05.20250601.abcdef (Warbler)\nnixos-rebuild=1\nwslg-dir=1\nx11=1\nwayland=1\ninterop=1\n");

describe("capabilitiesFromProbe", () => {
  it("the stand-in on the emulator: never nixos, windows-host or wslg", () => {
    const caps = capabilitiesFromProbe(standin, { windows: false, hostNetwork: true });
    expect([...caps].sort()).toEqual(["gui", "host-network", "nixos-rebuild", "nixos-standin", "systemd", "wsl"]);
  });

  it("real NixOS-WSL on Windows with interop and WSLg", () => {
    const caps = capabilitiesFromProbe(realNixos, { windows: true, hostNetwork: true });
    expect([...caps].sort()).toEqual(["gui", "host-network", "nixos", "nixos-rebuild", "systemd", "windows-host", "wsl", "wslg"]);
  });

  it("no windows-host without working interop, no wslg off Windows, no systemd when PID 1 is init", () => {
    const caps = capabilitiesFromProbe({ ...realNixos, interop: "", pid1: "init" }, { windows: true, hostNetwork: false });
    expect(caps.has("windows-host")).toBe(false);
    expect(caps.has("wslg")).toBe(false);
    expect(caps.has("systemd")).toBe(false);
    expect(capabilitiesFromProbe(realNixos, { windows: false, hostNetwork: false }).has("wslg")).toBe(false);
  });

  it("gui is declared (WSLg mounted, or the stand-in's display stand-in), not detected: missing sockets still need the suite", () => {
    const noSockets = { ...realNixos, x11: "", wayland: "" };
    expect(capabilitiesFromProbe(noSockets, { windows: true, hostNetwork: true }).has("gui")).toBe(true);
    expect(capabilitiesFromProbe({ pid1: "systemd", "gui-standin": "1" }, { windows: false, hostNetwork: true }).has("gui")).toBe(true);
    expect(capabilitiesFromProbe({ pid1: "systemd" }, { windows: false, hostNetwork: true }).has("gui")).toBe(false);
  });

  it("never claims internet", () => {
    expect(capabilitiesFromProbe(realNixos, { windows: true, hostNetwork: true }).has("internet")).toBe(false);
  });
});
