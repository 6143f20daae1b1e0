/** One /etc/passwd line. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/**
 * The `[user] default` of a wsl.conf, as WSL reads it: INI sections and keys are case-insensitive,
 * `#` and `;` start comments, values may be quoted. Undefined when not set.
 */
export function parseWslConfDefaultUser(text: string): string | undefined {
  let section = "";
  let found: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, "").trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = (header[1] ?? "").trim().toLowerCase();
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (!pair || section !== "user" || (pair[1] ?? "").trim().toLowerCase() !== "default") continue;
    const value = (pair[2] ?? "").trim().replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1").trim();
    // The last assignment wins, as in WSL's parser.
    found = value || undefined;
  }
  return found;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split(":");
    if (fields.length < 7) continue;
    const [name, , uid, gid, , home, shell] = fields as [string, string, string, string, string, string, string];
    if (!name || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), home, shell });
  }
  return entries;
}
