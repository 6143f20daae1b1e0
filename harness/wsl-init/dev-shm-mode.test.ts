import { describe, expect, it } from "vitest";
import { devShmMode } from "./dev-shm-mode.ts";
import { initContainerEnv } from "./init-mount.ts";

describe("the /dev/shm mode of the WSL init twin", () => {
  it("is WSL's bind unless NWH_WSL_DEV_SHM=symlink asks for the old WSL's symlink", () => {
    expect(devShmMode({})).toBe("bind");
    expect(devShmMode({ NWH_WSL_DEV_SHM: "" })).toBe("bind");
    expect(devShmMode({ NWH_WSL_DEV_SHM: "symlink" })).toBe("symlink");
    expect(() => devShmMode({ NWH_WSL_DEV_SHM: "link" })).toThrow(/NWH_WSL_DEV_SHM="link": it accepts "symlink"/);
  });

  it("reaches PID 1 only in the old mode", () => {
    expect(initContainerEnv({ distroName: "d" })).not.toHaveProperty("NWH_WSL_DEV_SHM");
    expect(initContainerEnv({ distroName: "d", devShm: "bind" })).not.toHaveProperty("NWH_WSL_DEV_SHM");
    expect(initContainerEnv({ distroName: "d", devShm: "symlink" })).toMatchObject({ NWH_WSL_DEV_SHM: "symlink" });
  });
});
