import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NIXOS_FIXTURES_DIR } from "../../harness/distro.ts";

/**
 * A copy of fixtures/nixos/FIXTURE (written under `dir`) that differs from every earlier generation by an /etc file
 * holding a random token: a switch to it always makes a new generation, whatever the tests before left (Nix adds
 * none when the system equals the newest generation's), so each test can set up its own state in any order.
 */
export function freshConfig(dir: string, fixture: string): string {
  const text = readFileSync(path.join(NIXOS_FIXTURES_DIR, fixture), "utf8");
  const end = text.lastIndexOf("}");
  if (end < 0) throw new Error(`${fixture}: no closing brace to add the generation token before`);
  const token = randomBytes(4).toString("hex");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${fixture.replace(/\.nix$/, "")}-${token}.nix`);
  writeFileSync(file, `${text.slice(0, end)}\n  environment.etc."nwh-config-token".text = "${token}";\n${text.slice(end)}`);
  return file;
}
