import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { freshConfig } from "./fresh-config.ts";

test("freshConfig copies the fixture with a token of its own inside the top-level attribute set", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nwh-fresh-"));
  const first = readFileSync(freshConfig(dir, "with-service.nix"), "utf8");
  const second = readFileSync(freshConfig(dir, "with-service.nix"), "utf8");
  expect(first).not.toBe(second);
  expect(first).toContain('systemd.services.nwh-hello');
  expect(first.trimEnd()).toMatch(/environment\.etc\."nwh-config-token"\.text = "[0-9a-f]{8}";\n\}$/);
});
