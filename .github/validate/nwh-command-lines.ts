/**
 * Finds the `nwh` command lines in a run: script (as `nwh`, `npx nwh` or `node bin/nwh.js`) with the
 * command words and flags they pass, so they can be checked against the CLI. Flags added through a bash
 * array named nwh_args (`nwh_args+=(--suite "$s")`) count for the line that expands "${nwh_args[@]}".
 */
export interface NwhCommandLine {
  /** e.g. ["report", "merge"] */
  command: string[];
  /** e.g. ["--out", "-n"], without values */
  flags: string[];
  /** The script line, for messages. */
  line: string;
}

const TWO_WORD_COMMANDS = new Set(["report merge", "standin build"]);
const OPERATORS = new Set(["|", "||", "&&", ";", "&", ">", ">>", "2>", "2>>", "2>&1", "<", ")", "then", "do", "fi", "done"]);

/** Splits a shell line into words; quotes group, `${{ }}` expressions stay one word, operators stand alone. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | undefined;
  let inWord = false;
  const text = line.replace(/\$\{\{[\s\S]*?\}\}/g, "EXPR");
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === "#" && !inWord) break;
    if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      continue;
    }
    if (c === ";" || c === "|" || c === "&" || c === ">" || c === "<" || c === "(" || c === ")") {
      // `${...}` and `$(...)` stay inside the word; a bare operator ends it.
      if (c === "(" && current.endsWith("$")) {
        current += c;
        continue;
      }
      if (inWord && !/^\d$/.test(current)) words.push(current);
      let op = /^\d$/.test(current) ? current + c : c;
      current = "";
      inWord = false;
      while (i + 1 < text.length && /[|&>]/.test(text[i + 1] ?? "")) op += text[++i];
      if (op.endsWith(">&") && /\d/.test(text[i + 1] ?? "")) op += text[++i];
      words.push(op);
      continue;
    }
    current += c;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}

/** Joins continuation lines (bash `\`, PowerShell backtick). */
function logicalLines(script: string): string[] {
  return script.replace(/[\\`]\r?\n/g, " ").split(/\r?\n/);
}

function invocationStart(words: string[], i: number): number | undefined {
  const w = words[i];
  if (w === "nwh") return i + 1;
  if (w === "npx" && words[i + 1] === "nwh") return i + 2;
  if (w === "npx" && words[i + 1] === "--no-install" && words[i + 2] === "nwh") return i + 3;
  if (w === "node" && /^(\.\/)?bin\/nwh\.js$/.test(words[i + 1] ?? "")) return i + 2;
  return undefined;
}

function flagsOf(words: string[]): string[] {
  const flags: string[] = [];
  for (const word of words) {
    if (word === "--") break;
    if (/^--?[A-Za-z]/.test(word)) flags.push(word.split("=")[0] ?? word);
  }
  return flags;
}

export function nwhCommandLines(script: string): NwhCommandLine[] {
  const lines = logicalLines(script);
  const arrayFlags = lines.filter((line) => /\bnwh_args\+?=\(/.test(line)).flatMap((line) => flagsOf(shellWords(line.slice(line.indexOf("(") + 1))));
  const found: NwhCommandLine[] = [];
  for (const line of lines) {
    const words = shellWords(line);
    for (let i = 0; i < words.length; i++) {
      const start = invocationStart(words, i);
      if (start === undefined) continue;
      let end = start;
      while (end < words.length && !OPERATORS.has(words[end] ?? "")) end++;
      const rest = words.slice(start, end);
      const twoWords = rest.slice(0, 2).join(" ");
      const command = TWO_WORD_COMMANDS.has(twoWords) ? rest.slice(0, 2) : rest.slice(0, 1);
      const args = rest.slice(command.length);
      const flags = flagsOf(args);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the bash array expansion, not a template
      if (args.some((word) => word.includes("${nwh_args[@]}"))) flags.push(...arrayFlags);
      found.push({ command, flags: [...new Set(flags)], line: line.trim() });
      i = end;
    }
  }
  return found;
}
