import { formatHresult, hresultName, KNOWN_HRESULTS } from "./hresults.ts";
import type { ExecResult } from "../../exec/index.ts";

/** The facts of one wsl.exe error output. */
export interface ParsedWslError {
  /** The whole path as printed, e.g. `Wsl/Service/CreateInstance/CreateVm/HCS_E_CONNECTION_TIMEOUT`, or a bare `0x80370102`. */
  code?: string;
  /** The final segment (`HCS_E_CONNECTION_TIMEOUT`, `0x80070020`); undefined without a code. */
  name?: string;
  /** Known from a hex final segment, or from a known name. */
  hresult?: number;
  /** The localized message wsl.exe printed, without the code line. */
  message: string;
}

const WSL_CODE = /\bWsl(?:\/[A-Za-z0-9_]+)+/g;
const BARE_HRESULT = /\b0x[0-9a-fA-F]{8}\b/g;

/**
 * Finds the error code in wsl.exe's output wherever it stands: a `Wsl/...` token after a localized
 * label ("Error code:", "Fehlercode:", "エラー コード:"), or a bare HRESULT in old builds
 * ("... Error Code: 0x80370102"). Progress lines before the message stay in `message`.
 */
export function parseWslErrorOutput(text: string): ParsedWslError {
  const lines = text.split("\n");
  const found = lastMatch(lines, WSL_CODE) ?? lastMatch(lines, BARE_HRESULT);
  if (!found) return { message: text.trim() };
  const code = found.token;
  const name = code.split("/").at(-1) as string;
  const hresult = /^0x[0-9a-f]{8}$/i.test(name) ? Number.parseInt(name, 16) : KNOWN_HRESULTS[name];
  const line = lines[found.lineIndex] as string;
  const label = line.slice(0, found.column).trim();
  const after = line.slice(found.column + code.length).trim();
  // Own line: nothing after the code and at most a short localized label ending in a colon before it.
  const ownLine = after === "" && (label === "" || /^[^.。:\uFF1A]{1,30}[:\uFF1A]$/.test(label));
  const rest = lines.slice();
  if (ownLine) rest.splice(found.lineIndex, 1);
  else rest[found.lineIndex] = stripInlineCode(line, found.column);
  let message = rest.join("\n").trim();
  if (message === "" && ownLine) message = label.replace(/\s*[:\uFF1A]$/, "");
  return { code, name, hresult, message };
}

function lastMatch(lines: readonly string[], pattern: RegExp): { token: string; lineIndex: number; column: number } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const matches = [...(lines[i] as string).matchAll(pattern)];
    const last = matches.at(-1);
    if (last) return { token: last[0], lineIndex: i, column: last.index };
  }
  return undefined;
}

function stripInlineCode(line: string, column: number): string {
  // "... Error Code: 0x80370102" -> "..."; "Error: 0x80370102 The virtual machine ..." keeps the text after.
  const before = line.slice(0, column).replace(/\s*(Error Code|Error code|Error)\s*[:\uFF1A]?\s*$/i, "");
  const after = line.slice(column).replace(/^\S+\s*/, "");
  return [before.trimEnd(), after].filter(Boolean).join(" ");
}

function describeCode(parsed: ParsedWslError): string {
  if (!parsed.code) return "";
  if (parsed.hresult === undefined) return ` [${parsed.code}]`;
  const hex = formatHresult(parsed.hresult);
  const other = parsed.name?.toLowerCase() === hex ? hresultName(parsed.hresult) : hex;
  return other ? ` [${parsed.code} = ${other}]` : ` [${parsed.code}]`;
}

/** wsl.exe itself failed (exit -1): the parsed error with the command and its result. */
export class WslError extends Error {
  /** The whole code path; undefined when wsl.exe printed none (e.g. invalid usage). */
  readonly code?: string;
  readonly hresult?: number;
  /** wsl.exe's own (localized) message. */
  readonly wslMessage: string;
  readonly exitCode?: number;
  readonly argv: readonly string[];
  /** wsl.exe's decoded output (stdout and stderr). */
  readonly output: string;
  readonly result?: ExecResult;

  constructor(parsed: ParsedWslError, facts: { argv: readonly string[]; exitCode?: number; output: string; result?: ExecResult }) {
    const command = facts.argv.join(" ");
    super(`wsl.exe failed (exit ${facts.exitCode}): ${command}${describeCode(parsed)}\n${parsed.message || "(no message)"}`);
    // `name` is the final code segment, so a stack trace starts with what went wrong.
    this.name = parsed.name ?? (parsed.hresult !== undefined ? (hresultName(parsed.hresult) ?? "WslError") : "WslError");
    this.code = parsed.code;
    this.hresult = parsed.hresult;
    this.wslMessage = parsed.message;
    this.exitCode = facts.exitCode;
    this.argv = facts.argv;
    this.output = facts.output;
    this.result = facts.result;
  }

  /** The symbolic name even when wsl.exe printed hex (`0x80070020` -> `ERROR_SHARING_VIOLATION`). */
  get symbolicName(): string | undefined {
    if (this.name !== "WslError" && !/^0x/i.test(this.name)) return this.name;
    return this.hresult !== undefined ? hresultName(this.hresult) : undefined;
  }
}
