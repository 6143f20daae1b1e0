import { notImplemented, parseCommand } from "../parse-command.ts";

const definition = { name: "run", usage: "Usage: nwh run [flags]\n\nNot implemented yet.", options: {}, allowPositionals: true } as const;

export async function runCommand(argv: string[]): Promise<number> {
  if (!parseCommand(argv, definition)) return 0;
  return notImplemented(definition.name);
}
