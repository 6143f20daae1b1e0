/** Quotes one argument for a POSIX shell command line (single quotes; a single quote as '\''). */
export function quoteShellArg(arg: string): string {
  if (/^[A-Za-z0-9_./=:@%+-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", "'\\''")}'`;
}
