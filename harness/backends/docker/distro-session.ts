import type { PasswdEntry } from "../../wsl-init/passwd.ts";

/** Who a command runs as, with what WSL would give that user. */
export interface DistroSession {
  user: string;
  uid: number;
  home: string;
  shell: string;
}

/**
 * The session for `user`, or for the wsl.conf `[user] default` when `user` is not given (root when wsl.conf
 * names none, as WSL does for a tarball import). A configured default user missing from the distro falls back
 * to root with a warning; an explicitly requested unknown user is an error.
 */
export function selectSession(users: readonly PasswdEntry[], configuredDefault: string | undefined, user?: string): { session: DistroSession; warning?: string } {
  if (user !== undefined) {
    const entry = users.find((e) => e.name === user || String(e.uid) === user);
    if (!entry) throw new Error(`user "${user}" does not exist in the distro (not in its passwd database)`);
    return { session: fromEntry(entry) };
  }
  const wanted = configuredDefault ?? "root";
  const entry = users.find((e) => e.name === wanted);
  if (entry) return { session: fromEntry(entry) };
  const root = users.find((e) => e.uid === 0) ?? { name: "root", uid: 0, gid: 0, home: "/root", shell: "/bin/sh" };
  return { session: fromEntry(root), warning: `wsl.conf names default user "${wanted}", which does not exist in the distro; using root` };
}

function fromEntry(entry: PasswdEntry): DistroSession {
  return { user: entry.name, uid: entry.uid, home: entry.home || "/", shell: entry.shell || "/bin/sh" };
}
