import { buildStandin, STANDIN_VARIANTS } from "../../../fixtures/standin/build-standin.ts";
import { isStandinVariant } from "../../../fixtures/standin/standin-inputs.ts";
import { parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "standin build",
  usage: `Usage: nwh standin build [--variant NAME] [--cache-dir DIR]

Builds (or reuses from the cache) the Linux stand-in distro: a Debian root filesystem with systemd,
Nix and a stand-in for the NixOS parts (nixos-rebuild, nixos-version), packed like nixos.wsl.
It is a fixture for the harness's own tests, not NixOS. Needs root, debootstrap and the Debian archive.

Flags:
  --variant NAME    ${STANDIN_VARIANTS.join(" | ")} (default base); the others are broken on purpose:
                    failing-unit (a unit fails at boot), no-display (no X11/Wayland sockets),
                    broken-rebuild (nixos-rebuild fails)
  --cache-dir DIR   cache directory (default $NWH_CACHE_DIR/standin or ~/.cache/nixos-wsl-harness/standin)

Progress goes to stderr; the last line of stdout is the tarball path.`,
  options: {
    variant: { type: "string" },
    "cache-dir": { type: "string" },
  },
} as const;

export async function standinBuildCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const variant = parsed.values.variant ?? "base";
  if (!isStandinVariant(variant)) throw new UsageError(`--variant must be one of ${STANDIN_VARIANTS.join(", ")}, got "${variant}"`);
  const started = performance.now();
  const built = await buildStandin({
    variant,
    cacheDir: parsed.values["cache-dir"],
    log: (line) => process.stderr.write(`nwh standin: ${line}\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`nwh standin: ${built.cached ? "reused" : "built"} ${variant} in ${seconds} s (key ${built.key.slice(0, 16)})\n`);
  process.stdout.write(`${built.tarball}\n`);
  return 0;
}
