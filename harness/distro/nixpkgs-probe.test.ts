import { describe, expect, test } from "vitest";
import { Distro } from "../distro.ts";
import { FakeBackend } from "./fake-backend.test-helper.ts";
import { hasNixpkgsOffline } from "./nixpkgs-probe.ts";

const timeouts = { execMs: 5_000, waitMs: 400, bootMs: 5_000 };
const distroAnswering = (reply: { stdout?: string; exitCode?: number }) =>
  new Distro({ handle: new FakeBackend().on((argv) => (argv.join(" ").includes("nix-instantiate") ? reply : undefined)).bind("nwh-test-abc123"), timeouts });

describe("hasNixpkgsOffline", () => {
  test("nixpkgs' lib evaluating to a version is the capability", async () => {
    await expect(hasNixpkgsOffline(distroAnswering({ stdout: '"25.05pre-git"\n' }))).resolves.toBe(true);
  });
  test("no <nixpkgs> on NIX_PATH (the stand-in) is no capability", async () => {
    await expect(hasNixpkgsOffline(distroAnswering({ exitCode: 1, stdout: "" }))).resolves.toBe(false);
  });
  test("a zero exit without a version is no capability", async () => {
    await expect(hasNixpkgsOffline(distroAnswering({ stdout: "warning: something\n" }))).resolves.toBe(false);
  });
});
