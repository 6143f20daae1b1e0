import { describe, expect, it } from "vitest";
import { capabilitiesFromFacts, parseDistroProbe } from "./distro-probe.ts";

const SEP = "--- nwh probe ---\n";
const passwd = "root:x:0:0:root:/root:/bin/bash\nnixos:x:1000:100::/home/nixos:/bin/bash\n";

describe("parseDistroProbe", () => {
  it("reads wsl.conf, users and facts", () => {
    const facts = parseDistroProbe(
      `[user]\ndefault=nixos\n${SEP}${passwd}${SEP}pid1=/usr/lib/systemd/systemd\nx11=1\nwayland=/run/user/1000/wayland-0\nnixos_rebuild=/usr/local/bin/nixos-rebuild\nnixos_version=25.05 (stand-in)\n`,
    );
    expect(facts).toMatchObject({ configuredDefaultUser: "nixos", pid1: "/usr/lib/systemd/systemd", x11: true, waylandSockets: ["/run/user/1000/wayland-0"], nixosVersion: "25.05 (stand-in)" });
    expect(facts.users.map((u) => u.name)).toEqual(["root", "nixos"]);
    expect([...capabilitiesFromFacts(facts)].sort()).toEqual(["gui", "host-network", "nixos-rebuild", "nixos-standin", "systemd"]);
  });

  it("claims little for a plain distro: no systemd PID 1, no GUI without Wayland, no rebuild on a real NixOS", () => {
    const facts = parseDistroProbe(`${SEP}${passwd}${SEP}pid1=/usr/bin/bash\nx11=1\nnixos_rebuild=/run/current-system/sw/bin/nixos-rebuild\nnixos_version=25.05.1 (Warbler)\n`);
    expect(facts.configuredDefaultUser).toBeUndefined();
    expect([...capabilitiesFromFacts(facts)]).toEqual(["host-network"]);
  });

  it("grants systemd while NixOS-WSL's systemd-shim is PID 1 (the activation still running), not for another PID 1", () => {
    const shim = parseDistroProbe(`${SEP}${passwd}${SEP}pid1=/nix/store/abc-nixos-standin-utils/bin/systemd-shim\n`);
    expect(capabilitiesFromFacts(shim).has("systemd")).toBe(true);
    const other = parseDistroProbe(`${SEP}${passwd}${SEP}pid1=/nix/store/abc-utils/bin/not-systemd-shim-x\n`);
    expect(capabilitiesFromFacts(other).has("systemd")).toBe(false);
  });

  it("grants gui when the stand-in declares its display, even with the sockets missing (so the gui suite fails, not skips)", () => {
    const facts = parseDistroProbe(`${SEP}${passwd}${SEP}pid1=/lib/systemd/systemd\ngui_declared=1\n`);
    expect(facts.x11).toBe(false);
    expect(capabilitiesFromFacts(facts).has("gui")).toBe(true);
  });

  it("never claims what a container cannot be", () => {
    const facts = parseDistroProbe(`${SEP}${passwd}${SEP}pid1=/lib/systemd/systemd\nx11=1\nwayland=/run/user/0/wayland-0\nnixos_rebuild=/x\nstandin_marker=1\n`);
    const caps = capabilitiesFromFacts(facts);
    for (const never of ["windows-host", "wsl", "wslg", "nixos", "nixpkgs", "internet"] as const) expect(caps.has(never)).toBe(false);
  });
});
