import { WslError } from "./wsl-error.ts";

const ENABLE_VM_PLATFORM =
  'WSL 2 cannot start its VM on this machine: enable the "Virtual Machine Platform" Windows feature (wsl.exe --install --no-distribution) and virtualization in the BIOS/UEFI, then reboot (https://aka.ms/enablevirtualization)';

/** wsl.exe errors that no retry and no other distro can get past: the host needs fixing first. By final code name. */
const HOST_FATAL_FIXES: Readonly<Record<string, string>> = {
  HCS_E_HYPERV_NOT_INSTALLED: ENABLE_VM_PLATFORM,
  HCS_E_SERVICE_NOT_AVAILABLE: ENABLE_VM_PLATFORM,
  WSL_E_VIRTUAL_MACHINE_PLATFORM_REQUIRED: ENABLE_VM_PLATFORM,
  WSL_E_WSL_OPTIONAL_COMPONENT_REQUIRED: "WSL is not installed: run wsl.exe --install --no-distribution, then reboot",
  WSL_E_LOCAL_SYSTEM_NOT_SUPPORTED: "wsl.exe refuses to run as LocalSystem: run the harness as a normal user",
};

/** The fix when `error` says this host cannot run WSL 2 distros at all; undefined for anything else. */
export function wslHostFatalFix(error: unknown): string | undefined {
  if (!(error instanceof WslError)) return undefined;
  const name = error.symbolicName;
  return name === undefined ? undefined : HOST_FATAL_FIXES[name];
}
