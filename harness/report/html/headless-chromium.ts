import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exec } from "../../exec/index.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Flags for a closed network: no background connections, no first-run UI, a fresh profile each time. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function findChromium(): string | undefined {
  const fromEnv = process.env.NWH_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export interface PageLoad {
  /** The DOM after the page's scripts ran. */
  dom: string;
  /** Every console message and uncaught error the page produced (Chromium's CONSOLE log lines). */
  consoleMessages: string[];
}

/** Loads `url` in headless Chromium and returns the DOM after scripts and the console messages. */
export async function loadPage(chromium: string, url: string, timeoutMs = 60_000): Promise<PageLoad> {
  return withProfile(async (profile) => {
    const result = await exec([chromium, ...FLAGS, `--user-data-dir=${profile}`, "--enable-logging=stderr", "--v=0", "--dump-dom", url], { timeoutMs, check: true });
    const consoleMessages = result.stderr.split("\n").filter((line) => /:CONSOLE[:(]/.test(line));
    return { dom: result.stdout, consoleMessages };
  });
}

/** Saves a PNG screenshot of `url` (width x height CSS pixels). */
export async function screenshot(chromium: string, url: string, file: string, size = { width: 1200, height: 1600 }, timeoutMs = 60_000): Promise<void> {
  await withProfile(async (profile) => {
    await exec([chromium, ...FLAGS, `--user-data-dir=${profile}`, `--window-size=${size.width},${size.height}`, "--hide-scrollbars", `--screenshot=${file}`, url], { timeoutMs, check: true });
  });
}

async function withProfile<T>(run: (profile: string) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "nwh-chromium-"));
  try {
    return await run(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
