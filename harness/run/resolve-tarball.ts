import { statSync } from "node:fs";
import path from "node:path";
import type { BackendKind } from "../backend.ts";
import { assertTarball, BadTarballError } from "../model/tarball-format.ts";
import { UsageError } from "../model/usage-error.ts";
import { backendDescriptor } from "../backends/registry.ts";

/**
 * The tarball to import: the user's (checked to exist), or on the Docker backend the Linux stand-in,
 * built and cached on first use. `log` gets progress lines for a person.
 */
export async function resolveTarball(options: { tarball?: string; backend: BackendKind; cacheDir?: string; log: (line: string) => void }): Promise<{ tarball: string; standin: boolean }> {
  if (options.tarball) {
    const file = path.resolve(options.tarball);
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      throw new UsageError(`tarball not found: ${file}; pass an existing nixos.wsl or rootfs .tar.gz to --tarball`);
    }
    if (!isFile) throw new UsageError(`--tarball ${file} is not a file; pass a nixos.wsl or rootfs .tar.gz`);
    await assertTarball(file).catch((error: unknown) => {
      throw error instanceof BadTarballError ? new UsageError(`--tarball: ${error.message}`) : error;
    });
    return { tarball: file, standin: false };
  }
  if (backendDescriptor(options.backend).needsUserTarball) {
    throw new UsageError(`the ${options.backend} backend needs a tarball: pass --tarball nixos.wsl (build one with NixOS-WSL's nixos-wsl-tarball-builder, or download a release)`);
  }
  options.log("No --tarball: using the Linux stand-in distro (not NixOS; built once, then cached)");
  const { buildStandin } = await import("../../fixtures/standin/build-standin.ts");
  const built = await buildStandin({ cacheDir: options.cacheDir, log: options.log });
  options.log(built.cached ? `Stand-in: ${built.tarball} (cached)` : `Stand-in built: ${built.tarball}`);
  return { tarball: built.tarball, standin: true };
}

