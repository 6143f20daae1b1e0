import { describe, expect, it } from "vitest";
import { recordedBytes } from "./recorded/read-recorded.ts";
import { isVhdExportUnsupported } from "./vhd-export-support.ts";
import { wslErrorKind } from "./wsl-error-classifier.ts";
import { parseWslErrorOutput, WslError } from "./wsl-error.ts";
import { decodeWslOutput } from "./wsl-output.ts";

const EXPORT_ARGV = ["wsl.exe", "--export", "nwh-template-1a2b3c", "C:\\nwh\\ext4.vhdx", "--format", "vhd"];
const errorFrom = (file: string) => {
  const text = decodeWslOutput(recordedBytes(file));
  return new WslError(parseWslErrorOutput(text), { argv: EXPORT_ARGV, exitCode: 4294967295, output: text });
};

describe("isVhdExportUnsupported: when vhd-copy falls back to tar imports", () => {
  it.each(["error-wsl2-needed-export-vhd.utf16le.txt", "error-old-inbox-export-vhd.utf16le.txt", "error-invalid-usage.utf16le.txt"])("falls back on %s", (file) => {
    expect(isVhdExportUnsupported(errorFrom(file))).toBe(true);
  });

  it("falls back on the client parser's own E_INVALIDARG (an option this wsl.exe does not know)", () => {
    const error = new WslError(parseWslErrorOutput("Invalid command line argument: --format\nPlease use 'wsl.exe --help' to get a list of supported arguments.\nError code: Wsl/E_INVALIDARG\n"), { argv: EXPORT_ARGV, exitCode: -1, output: "" });
    expect(isVhdExportUnsupported(error)).toBe(true);
  });

  it.each([
    "error-export-vhd-in-use.utf16le.txt",
    "error-export-vhd-extension.utf16le.txt",
    "error-distro-not-found-en.utf16le.txt",
    "error-hcs-timeout-createvm.utf16le.txt",
    "error-invalidarg-import.utf16le.txt",
  ])("treats %s as a real failure", (file) => {
    expect(isVhdExportUnsupported(errorFrom(file))).toBe(false);
  });

  it("is never true for an error that is not wsl.exe's", () => {
    expect(isVhdExportUnsupported(new Error("spawn ENOENT"))).toBe(false);
  });

  it("classifies the VHD errors by their names: the disk in use is transient (shutdown, retry), the others fatal", () => {
    expect(errorFrom("error-export-vhd-in-use.utf16le.txt").symbolicName).toBe("ERROR_SHARING_VIOLATION");
    expect(wslErrorKind(errorFrom("error-export-vhd-in-use.utf16le.txt"))).toBe("vhd-in-use");
    expect(errorFrom("error-wsl2-needed-import-vhd.utf16le.txt")).toMatchObject({ code: "Wsl/Service/RegisterDistro/WSL_E_WSL2_NEEDED", hresult: 0x8004031c });
    expect(errorFrom("error-import-in-place-disk-corrupted.utf16le.txt")).toMatchObject({ name: "WSL_E_DISK_CORRUPTED", hresult: 0x8004032f });
    expect(wslErrorKind(errorFrom("error-import-in-place-disk-corrupted.utf16le.txt"))).toBe("fatal");
  });
});
