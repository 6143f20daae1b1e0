import { expect, test } from "vitest";
import { destructiveSkipReason, shutdownSkipReason, unmetRequirement } from "./requirements.ts";

test("all capabilities met: no skip", () => {
  expect(unmetRequirement(["systemd", "gui"], new Set(["systemd", "gui", "nixos-rebuild"]), "docker")).toBeUndefined();
});

test("an unmet capability gives a skip reason that names it and says why, per backend", () => {
  expect(unmetRequirement(["windows-host"], new Set(["systemd"]), "docker")).toBe("needs windows-host: the docker backend runs on Linux, no Windows binaries");
  expect(unmetRequirement(["windows-host"], new Set(["systemd"]), "wsl")).toMatch(/^needs windows-host: .*emulator/);
});

test("several unmet capabilities are all named", () => {
  const reason = unmetRequirement(["systemd", "nixpkgs", "internet"], new Set(["systemd"]), "docker");
  expect(reason).toMatch(/needs nixpkgs: .*; needs internet: /);
});

test("a capability without a backend-specific reason says what it means", () => {
  expect(unmetRequirement(["gui"], new Set(), "wsl")).toBe("needs gui: this wsl distro lacks an X11 and a Wayland display in the distro");
});

test("destructive scenarios are skipped only on an adopted distro without --allow-destructive", () => {
  expect(destructiveSkipReason({ allowDestructive: false })).toBeUndefined();
  expect(destructiveSkipReason({ distro: "NixOS", allowDestructive: true })).toBeUndefined();
  expect(destructiveSkipReason({ distro: "NixOS", allowDestructive: false })).toMatch(/adopted distro "NixOS" \(pass --allow-destructive/);
});

test("a shutdown of every distro is skipped only on an adopted distro without --allow-destructive, saying why", () => {
  expect(shutdownSkipReason({ allowDestructive: false })).toBeUndefined();
  expect(shutdownSkipReason({ distro: "NixOS", allowDestructive: true })).toBeUndefined();
  expect(shutdownSkipReason({ distro: "NixOS", allowDestructive: false })).toMatch(/wsl --shutdown.*your other distros too: skipped on the adopted distro "NixOS" \(pass --allow-destructive/);
});
