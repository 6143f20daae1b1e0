import { outputLines } from "./wsl-output.ts";
import { splitLabelValue } from "./wsl-version.ts";

/** What `wsl --status` tells, recognised by the shape of values since labels are localized. */
export interface WslStatus {
  defaultDistro?: string;
  defaultVersion?: number;
  /** Only old builds print it ("Kernel version: 5.10.102.1"). */
  kernelVersion?: string;
}

/**
 * Parses `wsl --status`. The default distro line comes first and only when there is one; the default
 * version is a bare 1 or 2; old builds add a kernel version line and a "last updated" line.
 */
export function parseWslStatus(text: string): WslStatus {
  const status: WslStatus = {};
  for (const line of outputLines(text)) {
    const pair = splitLabelValue(line);
    if (!pair || pair.value === "") continue;
    if (/^[12]$/.test(pair.value) && status.defaultVersion === undefined) {
      status.defaultVersion = Number(pair.value);
    } else if (/^\d+\.\d+\.\d+/.test(pair.value)) {
      status.kernelVersion ??= pair.value;
    } else if (status.defaultVersion === undefined && status.defaultDistro === undefined && /^[\w.-]+$/.test(pair.value)) {
      status.defaultDistro = pair.value;
    }
  }
  return status;
}
