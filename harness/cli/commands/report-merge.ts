import { notImplemented, parseCommand } from "../parse-command.ts";

const definition = {
  name: "report merge",
  usage: `Usage: nwh report merge [flags]

Not implemented yet.`,
  options: {},
  allowPositionals: true,
} as const;

export async function reportMergeCommand(argv: string[]): Promise<number> {
  if (!parseCommand(argv, definition)) return 0;
  return notImplemented(definition.name);
}
