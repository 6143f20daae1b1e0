import { notImplemented, parseCommand } from "../parse-command.ts";

const definition = {
  name: "compare",
  usage: `Usage: nwh compare [flags]

Not implemented yet.`,
  options: {},
  allowPositionals: true,
} as const;

export async function compareCommand(argv: string[]): Promise<number> {
  if (!parseCommand(argv, definition)) return 0;
  return notImplemented(definition.name);
}
