/** One /etc/passwd line, as WSL's init reads it to pick the user, home and shell of a launch. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** The well-formed entries of an /etc/passwd (malformed lines skipped; an empty home is /, an empty shell /bin/sh). */
export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [name, , uid, gid, , home, shell] = line.split(":");
    if (!name || !uid || !/^\d+$/.test(uid) || !gid || !/^\d+$/.test(gid)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), home: home || "/", shell: shell?.trim() || "/bin/sh" });
  }
  return entries;
}
