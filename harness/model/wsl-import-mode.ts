import { UsageError } from "./usage-error.ts";

/**
 * How the WSL backend makes each suite file's fresh distro: `vhd-copy` imports the tarball once per run as a
 * template, exports it with `wsl --export --format vhd` and gives each file `wsl --import --vhd` (WSL copies the
 * disk); `vhd-in-place` copies the template disk itself (a block clone where the filesystem can) and registers the
 * copy with `wsl --import-in-place`; `tar` runs `wsl --import` (or `--install --from-file`) of the tarball per file.
 */
export const WSL_IMPORT_MODES = ["vhd-copy", "vhd-in-place", "tar"] as const;
export type WslImportMode = (typeof WSL_IMPORT_MODES)[number];

/** The fastest by `npm run bench:import` through the emulator (README, Figures): 0.10x of tar, vhd-copy 0.15x. */
export const DEFAULT_WSL_IMPORT_MODE: WslImportMode = "vhd-in-place";

export function isWslImportMode(value: unknown): value is WslImportMode {
  return (WSL_IMPORT_MODES as readonly unknown[]).includes(value);
}

/** `--wsl-import` / config `wslImport` / NWH_WSL_IMPORT; undefined stays undefined. */
export function parseWslImportMode(value: string | undefined, what: string): WslImportMode | undefined {
  if (value === undefined || value === "") return undefined;
  if (!isWslImportMode(value)) throw new UsageError(`${what} "${value}" is not one of ${WSL_IMPORT_MODES.join(", ")}`);
  return value;
}
