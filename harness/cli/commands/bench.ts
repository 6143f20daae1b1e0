import { notImplemented, parseCommand } from "../parse-command.ts";

const definition = {
  name: "bench",
  usage: `Usage: nwh bench [flags]

Not implemented yet.`,
  options: {},
  allowPositionals: true,
} as const;

export async function benchCommand(argv: string[]): Promise<number> {
  if (!parseCommand(argv, definition)) return 0;
  return notImplemented(definition.name);
}
