/** One key of an INI-style wsl.conf (sections and keys case-insensitive, `#`/`;` comments), or undefined. */
export function wslConfValue(text: string, section: string, key: string): string | undefined {
  let current = "";
  let found: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, "").trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = (header[1] ?? "").trim().toLowerCase();
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (pair && current === section.toLowerCase() && (pair[1] ?? "").trim().toLowerCase() === key.toLowerCase()) {
      found = (pair[2] ?? "").trim().replace(/^"(.*)"$/, "$1");
    }
  }
  return found;
}
