import type { BackendAvailability } from "../backend-options.ts";
import { isWslEmulator } from "./emulator-info.ts";
import { WslCli } from "./wsl-cli.ts";
import { WslError } from "./wsl-error.ts";
import { locateWslExe } from "./wsl-exe-locator.ts";

/**
 * For `nwh doctor`: finds wsl.exe (--wsl-exe, NWH_WSL_EXE, PATH, %SystemRoot%), asks `--version` (or `--status` on an
 * old inbox build) and `-l -v`, and reports the fields in `details`.
 */
export async function checkWslAvailability(options: { wslExe?: string }): Promise<BackendAvailability> {
  let located: ReturnType<typeof locateWslExe>;
  try {
    located = locateWslExe({ wslExe: options.wslExe });
  } catch (error) {
    return { available: false, reason: (error as Error).message, details: { wslExe: options.wslExe } };
  }
  if (!located) {
    return {
      available: false,
      reason: "wsl.exe not found (not on PATH, not in %SystemRoot%\\System32; not Windows?); pass --wsl-exe PATH or set NWH_WSL_EXE, or use --backend docker",
      details: {},
    };
  }
  const cli = new WslCli({ wslExe: located.path, timeoutMs: 60_000 });
  const details: Record<string, unknown> = { wslExe: located.path, wslExeSource: located.source };
  try {
    const report = await cli.version({ retry: false });
    if (report.legacy) {
      Object.assign(details, { legacyInbox: true, wslVersion: null, kernelVersion: report.status.kernelVersion ?? null, defaultVersion: report.status.defaultVersion ?? null });
    } else {
      Object.assign(details, report.version);
    }
    details.distros = (await cli.list({ retry: false })).map(({ name, state, version, default: isDefault }) => ({ name, state, version, default: isDefault }));
    details.emulated = await isWslEmulator(cli);
    if (report.legacy) {
      return { available: false, reason: `${located.path} is an old inbox wsl.exe without --version; run \`wsl --update\` (WSL 2 from the Store/MSI is needed)`, details };
    }
    const emulated = details.emulated ? " (the WSL emulator)" : "";
    return { available: true, reason: `${located.path}${emulated}: WSL ${report.version.wslVersion}, kernel ${report.version.kernelVersion}`, details };
  } catch (error) {
    const what = error instanceof WslError ? `${error.code ?? error.name}: ${error.wslMessage.split("\n").at(-1)}` : (error as Error).message.split("\n")[0];
    return { available: false, reason: `${located.path} does not answer: ${what}`, details };
  }
}
