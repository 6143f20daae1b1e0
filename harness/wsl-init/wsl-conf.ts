/**
 * /etc/wsl.conf as WSL reads it (microsoft/WSL src/shared/configfile/configfile.cpp ParseConfigFile, with the keys
 * and defaults of src/linux/init/WslDistributionConfig): `[section]` names and keys are a letter then letters or
 * digits, matched case-insensitively; only `#` starts a comment (at a line's start or after a value, outside
 * quotes); values lose unescaped quotes, know the escapes \\ \" \b \n \t and a backslash-newline continuation,
 * and lose trailing blanks outside quotes. A duplicated key keeps its FIRST value, unknown keys are ignored, and
 * the first invalid line (e.g. one starting with `;`) ends the parsing: what follows it is not read.
 * fixtures/wsl-init/init.c has the same parser; a test compares the two.
 */

/** The keys WSL's distribution configuration knows, spelled as WSL spells them. */
export const WSL_CONF_KEYS = [
  "automount.enabled", "automount.root", "automount.options", "automount.mountFsTab", "automount.ldconfig",
  "automount.cgroups", "filesystem.umask", "interop.appendWindowsPath", "interop.enabled",
  "network.generateHosts", "network.generateResolvConf", "network.hostname", "time.useWindowsTimezone",
  "fileServer.enabled", "fileServer.logFile", "fileServer.logLevel", "fileServer.logTruncate", "gpu.enabled",
  "gpu.appendLibPath", "user.default", "boot.command", "boot.systemd", "boot.initTimeout", "boot.protectBinfmt",
  "general.guiApplications",
] as const;
export type WslConfKey = (typeof WSL_CONF_KEYS)[number];

export interface ParsedWslConf {
  /** Raw values of the known keys that were set. */
  values: Partial<Record<WslConfKey, string>>;
  /** The line of the first invalid line (parsing stopped there), or null. */
  stoppedAtLine: number | null;
}

/** The typed settings WSL's init acts on at an instance start and at every launch. */
export interface WslDistroConfig {
  systemd: boolean;
  /** boot.initTimeout; WSL waits (for systemd, for a user session) only when it is > 0. */
  initTimeoutMs: number;
  generateResolvConf: boolean;
  generateHosts: boolean;
  hostname: string | null;
  defaultUser: string | null;
}

export const DEFAULT_INIT_TIMEOUT_MS = 10_000;

const EOF = -1;
const isHSpace = (c: number) => c === 0x20 || c === 0x09;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAlnum = (c: number) => isAlpha(c) || (c >= 0x30 && c <= 0x39);
const code = (s: string) => s.charCodeAt(0);

export function parseWslConf(text: string): ParsedWslConf {
  const values: ParsedWslConf["values"] = {};
  const { stoppedAtLine } = parseConfigFile(text, (key, value) => {
    const known = WSL_CONF_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (known && values[known] === undefined) values[known] = value;
  });
  return { values, stoppedAtLine };
}

/**
 * Every `section.key` (lower-cased) of a file in WSL's configuration syntax, first value kept (also .wslconfig,
 * which the Windows side parses with the same ParseConfigFile).
 */
export function configFileValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  parseConfigFile(text, (key, value) => {
    if (!values.has(key.toLowerCase())) values.set(key.toLowerCase(), value);
  });
  return values;
}

/** ParseConfigFile's reading; `onValue` gets each `section.key` as spelled in the file. */
function parseConfigFile(text: string, onValue: (key: string, value: string) => void): { stoppedAtLine: number | null } {
  const bytes = Buffer.from(text, "utf8");
  let pos = 0;
  let eof = false;
  const next = () => {
    if (pos < bytes.length) return bytes[pos++] as number;
    eof = true;
    return EOF;
  };
  const unget = (c: number) => {
    if (c !== EOF && pos > 0) pos--;
  };
  const result: { stoppedAtLine: number | null } = { stoppedAtLine: null };

  let ch = 0;
  let line = 0;
  let trailing = false;
  let section = "";
  // The states of ParseConfigFile; "newLine" counts a line unless a trailing comment is pending.
  let state: "newLine" | "loop" | "section" | "keyValue" | "invalid" | "done" = "newLine";
  for (;;) {
    switch (state) {
      case "newLine":
        if (!trailing) line++;
        state = "loop";
        break;
      case "loop": {
        if (ch === code("#")) {
          do {
            ch = next();
            if (ch === code("\r")) ch = next();
            if (ch === code("\n")) line++;
          } while (ch !== code("\n") && ch !== EOF);
          trailing = false;
        }
        if (eof) {
          state = "done";
          break;
        }
        do ch = next();
        while (isHSpace(ch));
        if (ch === EOF || ch === code("#")) break;
        if (ch === code("\r")) {
          const following = next();
          if (following === code("\n")) line++;
          else unget(following);
        } else if (ch === code("\n")) line++;
        else if (ch === code("[")) state = "section";
        else state = isAlpha(ch) ? "keyValue" : "invalid";
        break;
      }
      case "section": {
        ch = next();
        if (!isAlpha(ch)) {
          state = "invalid";
          break;
        }
        let name = "";
        do {
          name += String.fromCharCode(ch);
          ch = next();
        } while (isAlnum(ch));
        if (ch !== code("]")) {
          state = "invalid";
          break;
        }
        do ch = next();
        while (isHSpace(ch));
        if (ch === code("#")) trailing = true;
        else if (ch !== EOF && ch !== code("\n") && ch !== code("\r")) {
          state = "invalid";
          break;
        }
        section = name;
        state = "newLine";
        break;
      }
      case "keyValue": {
        let key = section ? `${section}.` : "";
        do {
          key += String.fromCharCode(ch);
          ch = next();
        } while (isAlnum(ch));
        while (isHSpace(ch)) ch = next();
        if (ch !== code("=")) {
          state = "invalid";
          break;
        }
        do ch = next();
        while (isHSpace(ch));
        const value: number[] = [];
        let trimmed = 0;
        let inQuote = false;
        let invalid = false;
        while (ch !== EOF && ch !== code("\n") && ch !== code("\r")) {
          if (ch === code('"')) inQuote = !inQuote;
          else if (ch === code("\\")) {
            const escaped = next();
            if (escaped === code("\\") || escaped === code('"')) value.push(escaped);
            else if (escaped === code("b")) value.push(0x08);
            else if (escaped === code("n")) value.push(0x0a);
            else if (escaped === code("t")) value.push(0x09);
            else if (escaped === code("\n")) line++;
            else if (escaped !== code("\r")) {
              invalid = true;
              break;
            }
          } else if (ch === code("#") && !inQuote) {
            trailing = true;
            break;
          } else value.push(ch);
          if (!isHSpace(ch)) trimmed = value.length;
          ch = next();
        }
        if (invalid || inQuote) {
          state = "invalid";
          break;
        }
        onValue(key, Buffer.from(value.slice(0, trimmed)).toString("utf8"));
        state = "newLine";
        break;
      }
      case "invalid":
        result.stoppedAtLine = line;
        return result;
      case "done":
        return result;
    }
  }
}

/** wsl::shared::string::ParseBool: "1"/"true" and "0"/"false", case-insensitive; else undefined (default kept). */
export function parseWslBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "1" || value.toLowerCase() === "true") return true;
  if (value === "0" || value.toLowerCase() === "false") return false;
  return undefined;
}

/** strtol(value, &end, 0) over the whole value, within int; else undefined (default kept). */
export function parseWslInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(value);
  if (!match) return undefined;
  const [, sign, digits = ""] = match;
  const magnitude = /^0[xX]/.test(digits) ? Number.parseInt(digits.slice(2), 16) : digits.startsWith("0") ? Number.parseInt(digits, 8) : Number.parseInt(digits, 10);
  const number = sign === "-" ? -magnitude : magnitude;
  return number < -(2 ** 31) || number > 2 ** 31 - 1 ? undefined : number;
}

export function wslDistroConfig(text: string): WslDistroConfig {
  const { values } = parseWslConf(text);
  return {
    systemd: parseWslBool(values["boot.systemd"]) ?? false,
    initTimeoutMs: parseWslInt(values["boot.initTimeout"]) ?? DEFAULT_INIT_TIMEOUT_MS,
    generateResolvConf: parseWslBool(values["network.generateResolvConf"]) ?? true,
    generateHosts: parseWslBool(values["network.generateHosts"]) ?? true,
    hostname: values["network.hostname"] ?? null,
    defaultUser: values["user.default"] ?? null,
  };
}

/** One `[section] key` of a file in WSL's configuration syntax (first value kept), or undefined when unset or empty. */
export function wslConfValue(text: string, section: string, key: string): string | undefined {
  return configFileValues(text).get(`${section}.${key}`.toLowerCase()) || undefined;
}
