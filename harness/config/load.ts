import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../model/usage-error.ts";
import { type NwhConfig, validateConfig } from "./schema.ts";

export const CONFIG_FILE = "nwh.config.ts";

/** Loads and validates nwh.config.ts (explicit path, or the one in `cwd` when present). */
export async function loadConfig(options: { file?: string; cwd?: string } = {}): Promise<NwhConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ? path.resolve(cwd, options.file) : path.join(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (options.file) throw new UsageError(`config file not found: ${file}; pass an existing file to --config`);
    return {};
  }
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new UsageError(`cannot load ${file}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (module.default === undefined) throw new UsageError(`${file} has no default export; write: export default defineConfig({ ... })`);
  try {
    return validateConfig(module.default, file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
