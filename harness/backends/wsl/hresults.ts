/** HRESULTs the harness classifies, by the name wsl.exe prints (it prints unknown ones as hex). */
export const KNOWN_HRESULTS: Readonly<Record<string, number>> = {
  WSL_E_DEFAULT_DISTRO_NOT_FOUND: 0x80040301,
  WSL_E_DISTRO_NOT_FOUND: 0x80040302,
  WSL_E_INVALID_USAGE: 0x80040309,
  WSL_E_EXPORT_FAILED: 0x8004030a,
  WSL_E_IMPORT_FAILED: 0x8004030b,
  WSL_E_DISTRO_NOT_STOPPED: 0x8004030c,
  WSL_E_WSL2_NEEDED: 0x8004031c,
  WSL_E_GUI_APPLICATIONS_DISABLED: 0x8004031e,
  WSL_E_NOT_A_LINUX_DISTRO: 0x80040326,
  WSL_E_LOCAL_SYSTEM_NOT_SUPPORTED: 0x8004032e,
  WSL_E_DISK_CORRUPTED: 0x8004032f,
  WSL_E_VM_CRASHED: 0x80040332,
  E_INVALIDARG: 0x80070057,
  E_ACCESSDENIED: 0x80070005,
  E_UNEXPECTED: 0x8000ffff,
  ERROR_FILE_NOT_FOUND: 0x80070002,
  ERROR_PATH_NOT_FOUND: 0x80070003,
  ERROR_SHARING_VIOLATION: 0x80070020,
  ERROR_ALREADY_EXISTS: 0x800700b7,
  HCS_E_HYPERV_NOT_INSTALLED: 0x80370102,
  HCS_E_CONNECTION_TIMEOUT: 0x80370109,
  RPC_S_SERVER_UNAVAILABLE: 0x800706ba,
  RPC_S_CALL_FAILED: 0x800706be,
  RPC_E_DISCONNECTED: 0x80010108,
};

const NAME_BY_HRESULT = new Map(Object.entries(KNOWN_HRESULTS).map(([name, value]) => [value, name]));

/** "0x80070020" -> "ERROR_SHARING_VIOLATION"; undefined when unknown. */
export function hresultName(hresult: number): string | undefined {
  return NAME_BY_HRESULT.get(hresult >>> 0);
}

export function formatHresult(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).padStart(8, "0")}`;
}
