/** Shipped by the Linux stand-in with its WSLg stand-in: the distro declares a display (capability "gui"). */
export const GUI_STANDIN_MARKER = "/usr/lib/nixos-standin/gui";

/**
 * What a distro on a backend can offer. Suites declare what they need; an unmet need is a skip
 * with its reason, never a pass.
 */
export type Capability =
  | "systemd" // systemd is PID 1 of the distro
  | "nixos" // a real NixOS(-WSL) system
  | "nixos-standin" // the Linux stand-in's nixos-rebuild over real Nix profile generations
  | "nixos-rebuild" // nixos-rebuild switch/boot/test/--rollback work (real NixOS or the stand-in)
  | "nixpkgs" // nixpkgs is reachable (nix-shell -p, nix run nixpkgs#...)
  | "internet"
  | "windows-host" // Windows binaries, binfmt interop, wslpath against a real Windows
  | "wsl" // driven by (real or emulated) wsl.exe
  | "wslg" // real WSLg
  | "gui" // an X11 and a Wayland socket in the distro (WSLg, or the stand-in's Xvfb/weston)
  | "host-network"; // host <-> distro TCP both ways

/**
 * Capabilities no backend may probe (probing `internet` would send traffic from machines that must not):
 * the user declares them with `--capability NAME` or `capabilities` in the config, e.g. on GitHub's runners.
 */
export const DECLARED_CAPABILITIES = ["internet"] as const satisfies readonly Capability[];
export type DeclaredCapability = (typeof DECLARED_CAPABILITIES)[number];

export function isDeclaredCapability(value: unknown): value is DeclaredCapability {
  return (DECLARED_CAPABILITIES as readonly unknown[]).includes(value);
}

/** The backends the registry knows. */
export type BackendKind = string;
