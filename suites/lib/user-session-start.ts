import type { Distro } from "../../harness/distro.ts";
import { expect } from "vitest";
import { USER_SESSION_FAILURE } from "./users.ts";

/** WSL's line saying the user session failed (whole, since vitest's own message would cut it), or undefined. */
export function sessionWarning(launch: { stdout: string; stderr: string }): string | undefined {
  return `${launch.stdout}\n${launch.stderr}`.split("\n").find((line) => line.includes(USER_SESSION_FAILURE))?.trim();
}

/**
 * One start of a stopped distro, as a user makes it: the first command, as the default user through the default
 * shell; then WSL's output must not carry its session warning (the failure names `user@UID`'s state) and `user@UID`
 * must become active. `cycle` names the round in the messages.
 */
export async function startExpectingUserSession(distro: Distro, uid: number, cycle: string): Promise<void> {
  const launch = await distro.shell("echo started");
  expect(launch.exitCode, `${cycle}: first command exit code`).toBe(0);
  expect(launch.stdout, `${cycle}: first command output`).toContain("started");
  const warning = sessionWarning(launch);
  if (warning) {
    const unit = `user@${uid}.service`;
    const state = `${await distro.unitProperty(unit, "ActiveState")} (Result=${await distro.unitProperty(unit, "Result")})`;
    expect.fail(`${cycle}: the start printed "${warning}"; ${unit} is ${state}`);
  }
  await distro.waitForUnit(`user@${uid}.service`);
}
