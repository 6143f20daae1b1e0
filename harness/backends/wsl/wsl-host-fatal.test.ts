import { describe, expect, it } from "vitest";
import { recordedBytes } from "./recorded/read-recorded.ts";
import { parseWslErrorOutput, WslError } from "./wsl-error.ts";
import { wslHostFatalFix } from "./wsl-host-fatal.ts";
import { decodeWslOutput } from "./wsl-output.ts";

const wslError = (text: string) => new WslError(parseWslErrorOutput(text), { argv: ["wsl.exe", "--import", "x", "y", "z"], exitCode: 4294967295, output: text });

describe("wslHostFatalFix", () => {
  it("names the fix for a host without WSL 2, by code path or bare HRESULT (recorded old build)", () => {
    const byName = wslError("WSL2 is not supported with your current machine configuration.\nError code: Wsl/Service/RegisterDistro/CreateVm/HCS/HCS_E_HYPERV_NOT_INSTALLED\n");
    expect(wslHostFatalFix(byName)).toMatch(/enable the "Virtual Machine Platform" Windows feature .* virtualization in the BIOS/);
    const recorded = wslError(decodeWslOutput(recordedBytes("error-old-bare-hresult.utf16le.txt")));
    expect(wslHostFatalFix(recorded)).toMatch(/Virtual Machine Platform/);
  });

  it("leaves errors a distro or a retry can get past alone", () => {
    expect(wslHostFatalFix(wslError("The parameter is incorrect.\nError code: Wsl/Service/RegisterDistro/E_INVALIDARG\n"))).toBeUndefined();
    expect(wslHostFatalFix(wslError("Error code: Wsl/Service/CreateInstance/CreateVm/HCS_E_CONNECTION_TIMEOUT\n"))).toBeUndefined();
    expect(wslHostFatalFix(new Error("HCS_E_HYPERV_NOT_INSTALLED"))).toBeUndefined();
  });
});
