import type { WslCli } from "./wsl-cli.ts";
import { WslError } from "./wsl-error.ts";
import { DEFAULT_TIMEOUTS } from "../../model/default-timeouts.ts";

/** What the project's WSL emulator (fixtures/wsl-emulator) reports for `wsl.exe --nwh-emulator-info NAME`. */
export interface EmulatorInfo {
  emulated: boolean;
  name?: string;
  location?: string;
  running?: boolean;
  /** Container port -> host port on 127.0.0.1, while the distro runs. */
  ports?: Record<string, number>;
  forwardedPorts?: number[];
  portHost?: string;
  hostAddressFromDistro?: string | null;
}

/** A name no distro has: asking about it tells an emulator (WSL_E_DISTRO_NOT_FOUND) from wsl.exe (invalid usage). */
const PROBE_NAME = "nwh-emulator-probe-0000";

/** Asks the emulator about a distro; throws WslError on a real wsl.exe (it does not know the option). */
export async function queryEmulatorInfo(cli: WslCli, distro: string): Promise<EmulatorInfo> {
  const { result } = await cli.run(["--nwh-emulator-info", distro], { retry: false, timeoutMs: DEFAULT_TIMEOUTS.pollCallCapMs });
  return JSON.parse(result.stdoutBytes.toString("utf8")) as EmulatorInfo;
}

/** True when wsl.exe is the project's emulator (a real wsl.exe rejects `--nwh-emulator-info` as invalid usage). */
export async function isWslEmulator(cli: WslCli): Promise<boolean> {
  try {
    return (await queryEmulatorInfo(cli, PROBE_NAME)).emulated === true;
  } catch (error) {
    return error instanceof WslError && error.symbolicName === "WSL_E_DISTRO_NOT_FOUND";
  }
}
