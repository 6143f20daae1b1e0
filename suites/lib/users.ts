import type { Distro } from "../../harness/distro.ts";

/** The uid of the distro's default user (the one WSL logs in), e.g. 1000. */
export async function defaultUid(distro: Distro): Promise<number> {
  const out = (await distro.succeed(["id", "-u"])).trim();
  const uid = Number(out);
  if (!Number.isInteger(uid)) throw new Error(`id -u printed ${JSON.stringify(out)}, not a uid`);
  return uid;
}

export const USER_SESSION_FAILURE = "Failed to start the systemd user session";
