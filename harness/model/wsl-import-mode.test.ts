import { describe, expect, it } from "vitest";
import { UsageError } from "./usage-error.ts";
import { DEFAULT_WSL_IMPORT_MODE, parseWslImportMode, WSL_IMPORT_MODES } from "./wsl-import-mode.ts";

describe("parseWslImportMode", () => {
  it("accepts the modes, leaves an absent value absent, refuses anything else in one line naming the source", () => {
    for (const mode of WSL_IMPORT_MODES) expect(parseWslImportMode(mode, "--wsl-import")).toBe(mode);
    expect(parseWslImportMode(undefined, "--wsl-import")).toBeUndefined();
    expect(parseWslImportMode("", "NWH_WSL_IMPORT")).toBeUndefined();
    expect(() => parseWslImportMode("vhd", "NWH_WSL_IMPORT")).toThrow(new UsageError('NWH_WSL_IMPORT "vhd" is not one of vhd-copy, vhd-in-place, tar'));
    expect(WSL_IMPORT_MODES).toContain(DEFAULT_WSL_IMPORT_MODE);
  });
});
