import { importDistroArgs, wslArgs } from "../wsl-commands.ts";

/** A name no user's distro has (WSL distro names are case-insensitive; `nwh-` names are the harness's own). */
export const MISSING_DISTRO = "nwh-record-missing-000000";
/** An option no wsl.exe knows: its invalid-usage answer. */
export const UNKNOWN_OPTION = "--nwh-no-such-option";
/** A program no distro has: WSL's init answers from the Linux side (execvpe failed, exit 1). */
export const MISSING_PROGRAM = "nwh-no-such-program";

/**
 * What one recorded call is: the replay checks each kind's bytes against the parser or classifier that reads
 * them in the harness.
 */
export type RecordedCallKind =
  | "version"
  | "status"
  | "list-verbose"
  | "list-quiet"
  | "unknown-option"
  | "missing-distro"
  | "import"
  | "exec-missing-program"
  | "import-bad-tarball"
  | "unregister";

export interface RecordingCall {
  /** Unique in one recording, file-name safe. */
  id: string;
  kind: RecordedCallKind;
  args: string[];
  /** WSL_UTF8 as set for the call; undefined = not set (wsl.exe's own output in UTF-16LE). */
  wslUtf8?: "1";
}

/** Both ways wsl.exe is called: as a user's shell calls it (no WSL_UTF8) and as the harness does (WSL_UTF8=1). */
const ENCODINGS: { suffix: string; wslUtf8?: "1" }[] = [{ suffix: "utf16" }, { suffix: "utf8", wslUtf8: "1" }];

function both(kind: RecordedCallKind, args: string[]): RecordingCall[] {
  return ENCODINGS.map(({ suffix, wslUtf8 }) => ({ id: `${kind}-${suffix}`, kind, args, ...(wslUtf8 ? { wslUtf8 } : {}) }));
}

/** The read-only calls: none of them changes anything on the machine. */
export function harmlessCalls(): RecordingCall[] {
  return [
    ...both("version", wslArgs.version()),
    ...both("status", wslArgs.status()),
    ...both("list-verbose", wslArgs.listVerbose()),
    ...both("list-quiet", ["-l", "-q"]),
    ...both("unknown-option", [UNKNOWN_OPTION]),
    ...both("missing-distro", wslArgs.exec(MISSING_DISTRO, ["true"])),
  ];
}

/**
 * With a tarball: a throwaway distro of the recorder's own (`distro`), a missing program run in it, a bad tarball's
 * import under another throwaway name, then the throwaway distro's unregister. Nothing else is touched.
 */
export function throwawayCalls(options: { distro: string; location: string; tarball: string; wslVersion?: string; badDistro: string; badLocation: string; badTarball: string }): RecordingCall[] {
  return [
    { id: "import", kind: "import", args: importDistroArgs({ distro: options.distro, location: options.location, file: options.tarball, wslVersion: options.wslVersion }), wslUtf8: "1" },
    ...both("exec-missing-program", wslArgs.exec(options.distro, [MISSING_PROGRAM])),
    ...both("import-bad-tarball", wslArgs.importTar(options.badDistro, options.badLocation, options.badTarball)),
    { id: "unregister", kind: "unregister", args: wslArgs.unregister(options.distro), wslUtf8: "1" },
  ];
}
