#!/usr/bin/env node
// Entry point: the CLI is TypeScript run by Node's own type stripping (Node >= 22.18 strips types
// by default; 22.12-22.17 need the flag, so re-exec with it).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`nwh: Node ${process.versions.node} is too old; install Node >= 22.12 (Node 24 LTS is tested).`);
  process.exit(2);
}
if (!process.features.typescript) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ["--experimental-strip-types", "--no-warnings", self, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(child.status ?? 1);
}
const { main } = await import("../harness/cli.ts");
process.exitCode = await main(process.argv.slice(2));
