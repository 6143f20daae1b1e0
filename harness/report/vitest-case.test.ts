import { describe, expect, it } from "vitest";
import { failureType } from "./vitest-case.ts";

describe("failureType", () => {
  it("names a wsl.exe failure by its whole code path, from the test's meta or the error itself", () => {
    expect(failureType({ message: "x" }, { wslErrorCode: "Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT" })).toBe("Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT");
    // As vitest serializes a WslError thrown while the suite's distro was imported: name is the last segment.
    expect(failureType({ message: "wsl.exe failed", name: "E_INVALIDARG", code: "Wsl/Service/RegisterDistro/E_INVALIDARG" }, {})).toBe("Wsl/Service/RegisterDistro/E_INVALIDARG");
  });

  it("names timeouts TimeoutError and assertions AssertionError, else the error's class", () => {
    expect(failureType({ message: "Test timed out in 50ms." }, {})).toBe("TimeoutError");
    expect(failureType({ message: "expected 1 to be 2", name: "AssertionError" }, {})).toBe("AssertionError");
    expect(failureType({ message: "boom", name: "TypeError", code: "ERR_X" }, {})).toBe("TypeError");
    expect(failureType(undefined, {})).toBe("error");
  });
});
