import type { Capability } from "../../harness/backend.ts";
import type { Distro } from "../../harness/distro.ts";

/** The X11 clients the GUI tests use; a default NixOS-WSL has none of them. */
export type X11Tool = "xdpyinfo" | "xlogo" | "xwininfo" | "xwd";

/** The nixpkgs attribute, top-level in newer nixpkgs, under xorg in older ones. */
const nixExpression = (tool: X11Tool) => `with import <nixpkgs> {}; pkgs.${tool} or xorg.${tool}`;

/**
 * Absolute paths of the tools in the distro: the distro's own when on its PATH, else built from nixpkgs (`nix-build`,
 * the store path of `nix-shell -p`) when the run has nixpkgs and internet; else the test is skipped with that reason,
 * on the real target as on any other.
 */
export async function x11Tools<T extends X11Tool>(distro: Distro, capabilities: ReadonlySet<Capability>, skip: (note: string) => never, ...tools: T[]): Promise<Record<T, string>> {
  const paths = {} as Record<T, string>;
  for (const tool of tools) {
    const found = await distro.execute(["sh", "-c", 'command -v "$1"', "probe", tool]);
    if (found.exitCode === 0 && found.stdout.trim().startsWith("/")) {
      paths[tool] = found.stdout.trim();
      continue;
    }
    if (!capabilities.has("nixpkgs") || !capabilities.has("internet")) {
      skip(`needs ${tool}: not in this distro (a default NixOS-WSL lacks it); it is built from nixpkgs when the run has nixpkgs and internet (--capability internet)`);
    }
    const built = await distro.succeed(["nix-build", "--no-out-link", "-E", nixExpression(tool)], { timeoutMs: distro.timeouts.bootMs });
    paths[tool] = `${built.trim().split("\n").at(-1)}/bin/${tool}`;
  }
  return paths;
}
