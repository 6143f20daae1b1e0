/**
 * A command for the distro: a string is a command line run by `sh -c` (as the NixOS test driver does),
 * an argv array runs without a shell.
 */
export type Command = string | readonly string[];

export function commandArgv(command: Command): readonly string[] {
  if (typeof command === "string") {
    if (command.trim() === "") throw new TypeError("command: an empty command line runs nothing; pass a command such as \"true\"");
    return ["sh", "-c", command];
  }
  if (command.length === 0 || !command[0]) throw new TypeError("command: an argv array must name a program, got []");
  return command;
}

/** How the command reads in errors and notes. */
export function describeCommand(command: Command): string {
  return typeof command === "string" ? command : command.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");
}
