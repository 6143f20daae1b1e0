import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { UsageError } from "../model/usage-error.ts";

export interface CommandDefinition<O extends ParseArgsOptionsConfig> {
  /** As typed by the user, e.g. "report merge". */
  name: string;
  /** Full --help text. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

/**
 * Parses one command's argv strictly. Returns undefined after printing --help;
 * throws UsageError naming an unknown flag or a bad value.
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(argv: string[], definition: CommandDefinition<O>) {
  const options = { ...definition.options, help: { type: "boolean", short: "h" } } as O & { help: { type: "boolean"; short: "h" } };
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: boolean; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: definition.allowPositionals ?? false, strict: true });
  } catch (error) {
    throw new UsageError(`${explain(error)} (nwh ${definition.name}); see: nwh ${definition.name} --help`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${definition.usage.trim()}\n`);
    return undefined;
  }
  return parsed;
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const flag = /'([^']+)'/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown flag ${flag}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument ${flag}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return message.split(".")[0] ?? message;
  return message;
}

/** Parses a flag's integer value, naming the flag when it is not one. */
export function intFlag(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got "${value}"`);
  return n;
}

/** Prints "not implemented yet" for a command whose capability has not landed; exit 2. */
export function notImplemented(name: string): number {
  process.stderr.write(`nwh ${name}: not implemented yet\n`);
  return 2;
}
