import { randomBytes } from "node:crypto";

/** `nwh-<8 hex>`: the prefix every resource of a run carries, so leftovers can be found. */
export function newRunId(): string {
  return `nwh-${randomBytes(4).toString("hex")}`;
}

/** A short random suffix for distro names (`nwh-<suite>-<random>`). */
export function shortRandom(length = 6): string {
  return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}
