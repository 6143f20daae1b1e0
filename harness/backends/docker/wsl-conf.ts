import { wslDistroConfig } from "../../wsl-init/wsl-conf.ts";

/** One /etc/passwd line. */
export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** The `[user] default` of a wsl.conf, as WSL reads it (see wsl-init/wsl-conf.ts). Undefined when not set. */
export function parseWslConfDefaultUser(text: string): string | undefined {
  return wslDistroConfig(text).defaultUser || undefined;
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
