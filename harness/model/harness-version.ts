import { readFileSync } from "node:fs";

/** The version in package.json (reports, bench files and `nwh --version` carry it). */
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
