import type { Distro } from "../distro.ts";

/** Long enough for a cold evaluation of nixpkgs' lib on a slow runner; the probe never downloads. */
const PROBE_TIMEOUT_MS = 60_000;

/**
 * The `nixpkgs` capability, probed offline the same way on every backend: nixpkgs' lib evaluates from the
 * distro's own NIX_PATH (a channel or the flake-pinned source in the store), in the user's login environment,
 * with substituters off so that nothing is fetched.
 */
export async function hasNixpkgsOffline(distro: Distro): Promise<boolean> {
  const probe = await distro.shell("nix-instantiate --eval --option substituters '' -E '(import <nixpkgs/lib>).version' < /dev/null", { timeoutMs: PROBE_TIMEOUT_MS });
  return probe.exitCode === 0 && /^"\d+\.\d+/.test(probe.stdout.trim().split("\n").at(-1) ?? "");
}
