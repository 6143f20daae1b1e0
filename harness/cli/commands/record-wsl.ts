import path from "node:path";
import { groupRecordedCalls, readRecordedFolder } from "../../backends/wsl/recording/recorded-folder.ts";
import { holdsRecording, recordWsl } from "../../backends/wsl/recording/record-wsl.ts";
import { replayRecordedCall } from "../../backends/wsl/recording/replay-recorded.ts";
import { locateWslExe } from "../../backends/wsl/wsl-exe-locator.ts";
import { harnessVersion } from "../../model/harness-version.ts";
import { resolveTarball } from "../../run/resolve-tarball.ts";
import { parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "record-wsl",
  usage: `Usage: nwh record-wsl [--out DIR] [--tarball FILE] [--wsl-exe PATH]

Runs a fixed, harmless set of wsl.exe calls on this machine and writes each call's raw stdout and stderr bytes,
exit code, argv, WSL_UTF8 and the locale, with a manifest.json naming the WSL and Windows versions and the date,
in the format of harness/backends/wsl/recorded/. Each call runs without WSL_UTF8 and with WSL_UTF8=1.

  Calls: --version, --status, -l -v, -l -q, an unknown option, -d of a distro that does not exist; with
  --tarball also: an import of it as a throwaway distro (nwh-record-*), --exec of a missing program in it, the
  import of a bad tarball, and the throwaway's unregister. No other distro is started, changed or removed.
  The -l outputs name your distros: look at the folder before you share it.

  --out DIR        where the recording goes (default ./wsl-recording); must not hold one already
  --tarball FILE   nixos.wsl or rootfs .tar.gz for the throwaway import
  --wsl-exe PATH   wsl.exe to record (or NWH_WSL_EXE); e.g. fixtures/wsl-emulator/wsl.exe

Afterwards the recording is replayed through the harness's parsers and error classifier and what they could not
read is printed. Exit 0 when the folder was written (whatever the replay found), 2 on bad input.
To add it to the recorded set: README.md, "The contributor's loop".`,
  options: {
    out: { type: "string" },
    tarball: { type: "string" },
    "wsl-exe": { type: "string" },
  },
} as const;

export async function recordWslCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const flags = parsed.values;
  const outDir = path.resolve(flags.out ?? "wsl-recording");
  if (holdsRecording(outDir)) throw new UsageError(`--out ${outDir} already holds a recording (manifest.json); pass another --out or remove that folder`);
  let located: ReturnType<typeof locateWslExe>;
  try {
    located = locateWslExe({ wslExe: flags["wsl-exe"] });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!located) throw new UsageError("no wsl.exe found (not on PATH, not in %SystemRoot%\\System32); pass --wsl-exe PATH (on Linux: --wsl-exe fixtures/wsl-emulator/wsl.exe)");
  const tarball = flags.tarball ? (await resolveTarball({ tarball: flags.tarball, backend: "wsl", log: () => {} })).tarball : undefined;

  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`nwh record-wsl: recording ${located.path} into ${outDir}`);
  const recorded = await recordWsl({ wslExe: located.path, outDir, tarball, harnessVersion: harnessVersion(), log });
  const calls = groupRecordedCalls(readRecordedFolder(outDir));
  const problems = calls.flatMap((call) => replayRecordedCall(call));
  const { machine } = recorded;
  log(`nwh record-wsl: ${calls.length} calls, WSL ${machine.wslVersion}, Windows ${machine.windowsVersion}, locale ${machine.locale}${machine.emulated ? " (the WSL emulator, not a real WSL)" : ""}`);
  if (problems.length === 0) log("nwh record-wsl: the harness's parsers and classifier read every call");
  else log(`nwh record-wsl: the harness could not read ${problems.length} answer(s) (worth an issue, with this folder):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.stdout.write(`${outDir}\n`);
  return 0;
}
