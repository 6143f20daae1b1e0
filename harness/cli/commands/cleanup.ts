import { notImplemented, parseCommand } from "../parse-command.ts";

const definition = {
  name: "cleanup",
  usage: `Usage: nwh cleanup [flags]

Not implemented yet.`,
  options: {},
  allowPositionals: true,
} as const;

export async function cleanupCommand(argv: string[]): Promise<number> {
  if (!parseCommand(argv, definition)) return 0;
  return notImplemented(definition.name);
}
