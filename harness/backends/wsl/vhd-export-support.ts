import { WslError } from "./wsl-error.ts";

/**
 * True when `wsl --export NAME FILE --format vhd` failed because this wsl.exe cannot do it, so that tar imports are
 * the way: WSL_E_WSL2_NEEDED (a WSL 1 distro), the usage text without a code (an old inbox build that knows no VHD
 * verbs), or the client parser's own E_INVALIDARG (`Wsl/E_INVALIDARG`: an option it does not know). Any other
 * failure is a real one.
 */
export function isVhdExportUnsupported(error: unknown): boolean {
  if (!(error instanceof WslError)) return false;
  if (error.symbolicName === "WSL_E_WSL2_NEEDED") return true;
  if (error.code === undefined) return true;
  return error.code === "Wsl/E_INVALIDARG";
}
