import { describe, expect, test } from "vitest";
import type { Capability } from "../../harness/backend.ts";
import { Distro } from "../../harness/distro.ts";
import { FakeBackend } from "../../harness/distro/fake-backend.test-helper.ts";
import { x11Tools } from "./x11-tools.ts";

const timeouts = { execMs: 1_000, waitMs: 1_000, bootMs: 1_000 };
const skipped = (note: string): never => {
  throw new Error(`skipped: ${note}`);
};

/** A distro whose PATH holds `onPath`; nix-build answers with a store path. */
function distroWith(onPath: string[]): { distro: Distro; backend: FakeBackend } {
  const backend = new FakeBackend().on((argv) => {
    if (argv[0] === "sh" && argv[1] === "-c" && argv[2]?.includes("command -v")) {
      const tool = argv[4] ?? "";
      return onPath.includes(tool) ? { stdout: `/run/current-system/sw/bin/${tool}\n` } : { exitCode: 1 };
    }
    if (argv[0] === "nix-build") return { stdout: "/nix/store/abc-xdpyinfo-1.3.4\n" };
    return undefined;
  });
  return { distro: new Distro({ handle: backend.bind("d"), timeouts }), backend };
}

describe("x11Tools", () => {
  test("uses the distro's own tool when it is on PATH, without nixpkgs", async () => {
    const { distro, backend } = distroWith(["xdpyinfo"]);
    expect(await x11Tools(distro, new Set<Capability>(), skipped, "xdpyinfo")).toEqual({ xdpyinfo: "/run/current-system/sw/bin/xdpyinfo" });
    expect(backend.calls.some((c) => c.argv[0] === "nix-build")).toBe(false);
  });

  test("without the tool, nixpkgs or internet: skipped, naming the tool and what would bring it", async () => {
    const { distro } = distroWith([]);
    await expect(x11Tools(distro, new Set<Capability>(["nixpkgs"]), skipped, "xdpyinfo")).rejects.toThrow(/skipped: needs xdpyinfo: not in this distro \(a default NixOS-WSL lacks it\).*--capability internet/);
  });

  test("without the tool but with nixpkgs and internet: built from nixpkgs, its store path used", async () => {
    const { distro, backend } = distroWith([]);
    expect(await x11Tools(distro, new Set<Capability>(["nixpkgs", "internet"]), skipped, "xdpyinfo")).toEqual({ xdpyinfo: "/nix/store/abc-xdpyinfo-1.3.4/bin/xdpyinfo" });
    expect(backend.calls.find((c) => c.argv[0] === "nix-build")?.argv).toContain("with import <nixpkgs> {}; pkgs.xdpyinfo or xorg.xdpyinfo");
  });
});
