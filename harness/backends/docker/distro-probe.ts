import { type Capability, GUI_STANDIN_MARKER } from "../../backend.ts";
import { type PasswdEntry, parsePasswd } from "../../wsl-init/passwd.ts";
import { wslDistroConfig } from "../../wsl-init/wsl-conf.ts";
import { BOOT_WSL_CONF } from "../../wsl-init/default-environment.ts";

/** What one look into a freshly started distro found. */
export interface DistroFacts {
  configuredDefaultUser?: string;
  users: PasswdEntry[];
  /** Path of PID 1's executable. */
  pid1: string;
  x11: boolean;
  waylandSockets: string[];
  nixosRebuild?: string;
  nixosVersion?: string;
  standinMarker: boolean;
  /** The distro promises a display (the stand-in's WSLg stand-in), whether or not its sockets came up. */
  guiDeclared: boolean;
}

const SEPARATOR = "--- nwh probe ---";

/**
 * Run as root through /init and the distro's /bin/sh (PATH from /etc/set-environment on NixOS) after every
 * start: the wsl.conf of this start, the passwd database, and the facts capabilities are derived from.
 */
export const DISTRO_PROBE_SCRIPT = [
  // Shell builtins for the files: nothing on PATH is needed for them.
  "read_text() { [ -r \"$1\" ] || return 0; while IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\"; done < \"$1\"; }",
  `read_text ${BOOT_WSL_CONF}`,
  `[ -e ${BOOT_WSL_CONF} ] || read_text /etc/wsl.conf`,
  `echo '${SEPARATOR}'`,
  "getent passwd 2>/dev/null || read_text /etc/passwd",
  `echo '${SEPARATOR}'`,
  `echo "pid1=$(readlink /proc/1/exe)"`,
  "[ -S /tmp/.X11-unix/X0 ] && echo x11=1",
  `for s in /run/user/*/wayland-0; do [ -S "$s" ] && echo "wayland=$s"; done`,
  `r=$(command -v nixos-rebuild) && echo "nixos_rebuild=$r"`,
  `v=$(nixos-version 2>/dev/null | head -n 1) && echo "nixos_version=$v"`,
  "[ -e /etc/nixos-standin ] && echo standin_marker=1",
  `[ -e ${GUI_STANDIN_MARKER} ] && echo gui_declared=1`,
  "true",
].join("\n");

export function parseDistroProbe(output: string): DistroFacts {
  const [wslConf = "", passwd = "", factLines = ""] = output.split(`${SEPARATOR}\n`);
  const facts: DistroFacts = {
    configuredDefaultUser: wslDistroConfig(wslConf).defaultUser || undefined,
    users: parsePasswd(passwd),
    pid1: "",
    x11: false,
    waylandSockets: [],
    standinMarker: false,
    guiDeclared: false,
  };
  for (const line of factLines.split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    if (key === "pid1") facts.pid1 = value;
    else if (key === "x11") facts.x11 = true;
    else if (key === "wayland") facts.waylandSockets.push(value);
    else if (key === "nixos_rebuild" && value) facts.nixosRebuild = value;
    else if (key === "nixos_version" && value) facts.nixosVersion = value;
    else if (key === "standin_marker") facts.standinMarker = true;
    else if (key === "gui_declared") facts.guiDeclared = true;
  }
  return facts;
}

/** The Linux stand-in says so in `nixos-version` (and may leave a marker file); a real NixOS never does. */
export function isStandin(facts: DistroFacts): boolean {
  return facts.standinMarker || /stand-?in/i.test(facts.nixosVersion ?? "");
}

/**
 * What a Docker distro offers. Never "windows-host", "wsl", "wslg", "nixos", "nixpkgs" or "internet":
 * a container on a Linux host without a network route out is none of these.
 */
export function capabilitiesFromFacts(facts: DistroFacts): Set<Capability> {
  const caps = new Set<Capability>(["host-network"]);
  // NixOS-WSL's /sbin/init is its systemd-shim, PID 1 until the activation ends and it execs systemd: on a slow start
  // (activation beyond boot.initTimeout) the probe finds the shim, and systemd is still on its way.
  if (/\/systemd(-shim)?$/.test(facts.pid1)) caps.add("systemd");
  // Declared, not detected: a display that should be there and is not must fail the gui suite, not skip it.
  if (facts.guiDeclared || (facts.x11 && facts.waylandSockets.length > 0)) caps.add("gui");
  if (facts.nixosRebuild && isStandin(facts)) {
    caps.add("nixos-rebuild");
    caps.add("nixos-standin");
  }
  return caps;
}
