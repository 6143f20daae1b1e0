// The systemd suite's tests that stop every distro of the machine: the exclusive phase runs this file after the
// parallel one, with no other distro of the run running (harness/model/suite-phase.ts).
import { startExpectingUserSession } from "./lib/user-session-start.ts";
import { defaultUid } from "./lib/users.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

/** In /run, a tmpfs of the running instance: gone after the distro really stopped. */
const BEFORE_SHUTDOWN_MARKER = "/run/nwh-before-shutdown";

describe("systemd", () => {
  test("three `wsl --shutdown` / start cycles each come back with the user session running (NixOS-WSL#847, #867)", async ({ distro, requires, stopsEveryDistro }) => {
    requires("systemd");
    stopsEveryDistro();
    const uid = await defaultUid(distro);
    for (let cycle = 1; cycle <= 3; cycle++) {
      await distro.succeed(["touch", BEFORE_SHUTDOWN_MARKER], { user: "root" });
      await distro.shutdownAll();
      // The first command after the shutdown starts the distro again, cold (on WSL the utility VM too).
      await startExpectingUserSession(distro, uid, `shutdown cycle ${cycle}`);
      const marker = await distro.execute(["test", "-e", BEFORE_SHUTDOWN_MARKER]);
      expect(marker.exitCode, `shutdown cycle ${cycle}: ${BEFORE_SHUTDOWN_MARKER} is still there, so the distro never stopped`).not.toBe(0);
    }
  });
});
