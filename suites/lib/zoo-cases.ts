// The regression zoo: each stand-in variant (fixtures/standin/variants/zoo-*) reproduces one real regression; the
// suite that should catch it runs against it (only the tests that matter, -t) and must fail naming the cause.
import type { StandinVariant } from "../../fixtures/standin/build-standin.ts";

export interface ZooExpectation {
  /** The end of the test's name. */
  test: string;
  /** What its failure message (JUnit's first line) must say: the unit, the path, the state. */
  message: RegExp;
  /** The failure's type, e.g. WaitAbortError: a wait that gave up on a hopeless state, not one waited out. */
  type?: string;
}

export interface ZooCase {
  regression: string;
  /** The name NWH_ZOO selects it by; default the variant. */
  id?: string;
  variant: StandinVariant;
  /** The environment of `nwh run`, for a regression of the WSL side: a switch of the twins (NWH_WSL_DEV_SHM). */
  env?: Record<string, string>;
  suite: string;
  /** nwh run -t: the tests that catch it (and those they depend on, in file order). */
  tests: string;
  expect: ZooExpectation[];
}

export function zooId(zoo: ZooCase): string {
  return zoo.id ?? zoo.variant;
}

export const ZOO: readonly ZooCase[] = [
  {
    regression: "NixOS-WSL#621: the login shell is missing",
    variant: "zoo-621-no-login-shell",
    suite: "upstream",
    tests: "is possible to run a command in the container",
    expect: [{ test: "is possible to run a command in the container (nixos-version)", message: /when trying to exec the wrapped shell.*login shell of nixos: .*wraps \/run\/current-system\/sw\/bin\/zsh \(missing\)/ }],
  },
  {
    regression: "NixOS-WSL#1100: nixos-rebuild switch exits 4 through an activation unit (wsl-mnt-guard)",
    variant: "zoo-1100-switch-unit",
    suite: "rebuild",
    tests: "switch to a configuration adding a service",
    expect: [{ test: "switch to a configuration adding a service starts it and makes a new current generation", message: /exit code 4 as root: nixos-rebuild switch \(the following units failed: wsl-mnt-guard\.service\)/ }],
  },
  {
    regression: "NixOS-WSL#448: wayland-0 missing in the user's runtime directory",
    variant: "zoo-448-no-wayland",
    suite: "gui",
    tests: "wayland-0 exists|DISPLAY and WAYLAND_DISPLAY are set",
    expect: [
      { test: "the Wayland socket /run/user/$UID/wayland-0 exists", message: /waiting for file \/run\/user\/1000\/wayland-0 to exist/ },
      { test: "DISPLAY and WAYLAND_DISPLAY are set", message: /WAYLAND_DISPLAY=wayland-0, but its socket \/run\/user\/1000\/wayland-0 never appeared/ },
    ],
  },
  {
    regression: "NixOS-WSL#427: /tmp/.X11-unix is a symlink",
    variant: "zoo-427-x11-symlink",
    suite: "gui",
    tests: "X11 socket",
    expect: [{ test: "the X11 socket /tmp/.X11-unix/X0 accepts connections", message: /\/tmp\/\.X11-unix is a symlink to \/tmp\/\.nwh-wslg-x11, not a directory/ }],
  },
  {
    regression: "NixOS-WSL#552: systemd-binfmt failed",
    variant: "zoo-552-binfmt-failed",
    suite: "systemd",
    tests: "no unit is in the failed state",
    expect: [{ test: "no unit is in the failed state", message: /systemd-binfmt\.service/ }],
  },
  {
    regression: "NixOS-WSL#199, #200, #185: an old WSL's /dev/shm symlink to /run/shm stays (the shim's test follows the link)",
    id: "zoo-199-dev-shm-symlink",
    variant: "base",
    env: { NWH_WSL_DEV_SHM: "symlink" },
    suite: "systemd",
    tests: "no unit is in the failed state|/dev/shm is a mount point",
    expect: [
      { test: "/dev/shm is a mount point, not a symlink (NixOS-WSL#199, #200)", message: /\/dev\/shm is a symlink to \/run\/shm/ },
      // The first of the failed units the message shows: sysusers, tmpfiles-setup-dev, tmpfiles-setup fail to set up their credentials.
      { test: "no unit is in the failed state", message: /failed units: expected 'systemd-sysusers\.service/ },
    ],
  },
  {
    regression: "microsoft/WSL#13236: the user session fails at start",
    variant: "zoo-13236-user-session",
    suite: "systemd",
    tests: "user@UID becomes active|never says",
    expect: [
      { test: "the default user's manager user@UID becomes active and answers systemctl --user", message: /unit user@1000\.service (failed|is inactive and no job is pending) \(the system manager; .*: it will not become active/, type: "WaitAbortError" },
      { test: "starting the distro never says \"Failed to start the systemd user session\"", message: /the start printed "wsl: Failed to start the systemd user session for 'nixos'\. See journalctl for more details\."/ },
    ],
  },
  {
    regression: "microsoft/WSL#11822: a wait-online-like unit holds the boot beyond boot.initTimeout",
    variant: "zoo-11822-wait-online",
    suite: "upstream",
    tests: "should boot",
    expect: [{ test: "should boot (is-system-running = running within boot.initTimeout of a start)", message: /not running within boot\.initTimeout=10000 ms of the start\b.*; jobs still running( then)?: .*nwh-wait-online\.service/ }],
  },
  {
    regression: "a rollback that does not roll back",
    variant: "zoo-rollback-noop",
    suite: "rebuild",
    tests: "switch --rollback",
    expect: [{ test: "switch --rollback removes the service and makes the previous generation current", message: /current generation after `nixos-rebuild switch --rollback` from generation (\d+) \(the rollback must make (\d+) current\): expected \1 to be \2/ }],
  },
  {
    regression: "NixOS-WSL#1078 (WSL >= 2.5.1 rejects empty values): wsl.conf rendered with an empty value",
    variant: "zoo-1078-wsl-conf-empty",
    suite: "systemd",
    tests: "no key with an empty value",
    expect: [{ test: "/etc/wsl.conf reads to its end and has no key with an empty value (WSL >= 2.5.1 rejects them)", message: /keys of \/etc\/wsl\.conf with an empty value .*: expected \[ 'boot\.command' \] to deeply equal \[\]/ }],
  },
  {
    regression: "NixOS-WSL#593 (fixed by #602): the wrapped shell is missing on the first start after import",
    variant: "zoo-593-first-start",
    suite: "upstream",
    tests: "is possible to run a command in the container",
    expect: [{ test: "is possible to run a command in the container (nixos-version)", message: /the first command after import, printed nothing: .*when trying to exec the wrapped shell Caused by: No such file or directory \(os error 2\); login shell of nixos: .*wraps \/run\/current-system\/sw\/bin\/bash/ }],
  },
  {
    regression: "NixOS-WSL#847, #867: the user session fails after restarts",
    variant: "zoo-847-session-after-restarts",
    suite: "systemd",
    tests: "start cycles",
    expect: [
      { test: "five terminate/start cycles each come back with the user session running", message: /cycle \d: the start printed "wsl: Failed to start the systemd user session for 'nixos'\. See journalctl for more details\."; user@1000\.service is (failed|inactive) \(Result=exit-code\)/ },
      // Its own distro, started at import and then once per cycle: the third start is the second cycle's.
      { test: "three `wsl --shutdown` / start cycles each come back with the user session running (NixOS-WSL#847, #867)", message: /shutdown cycle 2: the start printed "wsl: Failed to start the systemd user session for 'nixos'\. See journalctl for more details\."; user@1000\.service is (failed|inactive) \(Result=exit-code\)/ },
    ],
  },
  {
    regression: "NixOS-WSL#107, #204: a username change leaves uid 1000 without a home",
    variant: "zoo-username-no-home",
    suite: "rebuild",
    tests: "uid 1000 and a home",
    expect: [{ test: "after the change the default user has uid 1000 and a home it owns and can write", message: /home \/home\/different-name of different-name \(uid 1000, from passwd\): expected 'does not exist' to be 'ok'/ }],
  },
];
