/**
 * Splits a Windows command line as the MSVC runtime / CommandLineToArgvW do (the rules quoteWindowsArg and
 * libuv quote for): whitespace separates outside quotes; 2n backslashes before `"` give n and toggle quoting;
 * 2n+1 give n and a literal `"`; other backslashes are literal. (`""` inside quotes is not handled: neither
 * quoter produces it.)
 */
export function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = "";
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === "\\") {
      let count = 0;
      while (line[i] === "\\") {
        count++;
        i++;
      }
      if (line[i] === '"') {
        current += "\\".repeat(Math.floor(count / 2));
        if (count % 2 === 1) current += '"';
        else quoted = !quoted;
      } else {
        current += "\\".repeat(count);
        i--;
      }
      inArg = true;
    } else if (char === '"') {
      quoted = !quoted;
      inArg = true;
    } else if ((char === " " || char === "\t") && !quoted) {
      if (inArg) args.push(current);
      current = "";
      inArg = false;
    } else {
      current += char;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}
