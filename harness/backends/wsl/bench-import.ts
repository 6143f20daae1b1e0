/**
 * `npm run bench:import [-- --reps N] [--wsl-exe PATH] [--tarball FILE]`: one suite file's fresh distro made every
 * way in one run, interleaved: `tar` (`wsl --import` of the tarball), `vhd-copy` (`wsl --import --vhd` of the run's
 * template disk) and `vhd-in-place` (the harness copies that disk, then `wsl --import-in-place`), each through
 * `WslBackend.importDistro`; the template's one-off cost (tar import + VHD export) is reported apart. Default
 * wsl.exe: the project's WSL emulator, whose figures are the emulator's (Docker), not Windows' (it untars each tar
 * import into an image of its own, NWH_WSL_EMU_UNTAR_EACH_IMPORT=1, as WSL untars each one). A benchmark to read, not a test: exit 0 whatever the figures, 1 only when it could not measure.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Transcript } from "../../exec/index.ts";
import { formatMs } from "../../model/format-ms.ts";
import { type SampleSummary, summarize } from "../../model/statistics.ts";
import { WSL_IMPORT_MODES, type WslImportMode } from "../../model/wsl-import-mode.ts";
import { WslBackend } from "./wsl-backend.ts";
import { WslSweeper } from "./wsl-sweeper.ts";

const EMULATOR = fileURLToPath(new URL("../../../fixtures/wsl-emulator/wsl.exe", import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { reps: { type: "string", default: "5" }, "wsl-exe": { type: "string" }, tarball: { type: "string" } } });
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps must be an integer >= 1, got "${values.reps}"`);
  const wslExe = values["wsl-exe"] ?? EMULATOR;
  const work = mkdtempSync(path.join(os.tmpdir(), "nwh-bench-import-"));
  if (wslExe === EMULATOR) {
    process.env.NWH_WSL_EMULATOR_STATE ??= path.join(work, "emulator-state");
    process.env.NWH_WSL_EMU_NODE ??= process.execPath;
    // Without it the emulator shares one image per tarball, and its tar import is no untar at all.
    process.env.NWH_WSL_EMU_UNTAR_EACH_IMPORT ??= "1";
  }
  const tarball = values.tarball ?? process.env.NWH_DOCKER_TEST_TARBALL ?? (await standinTarball());
  const runId = `nwh-benchimport-${randomBytes(3).toString("hex")}`;
  const ledgerDir = path.join(work, "ledger");
  const options = { runId, workDir: path.join(work, "run"), wslExe, ledgerDir, execTimeoutMs: 600_000, bootTimeoutMs: 1_800_000 };
  const transcript = new Transcript();
  const backends = Object.fromEntries(WSL_IMPORT_MODES.map((mode) => [mode, new WslBackend({ ...options, wslImport: mode, transcript })])) as Record<WslImportMode, WslBackend>;
  const samples = Object.fromEntries(WSL_IMPORT_MODES.map((mode) => [mode, [] as number[]])) as Record<WslImportMode, number[]>;
  let count = 0;
  const importOnce = async (mode: WslImportMode): Promise<number> => {
    const name = `nwh-bench-${mode.replace("vhd-", "")}${count++}-${randomBytes(2).toString("hex")}`;
    const started = performance.now();
    await backends[mode].importDistro({ name, tarball, transcript });
    const ms = performance.now() - started;
    await backends[mode].unregister(name);
    return ms;
  };
  try {
    process.stderr.write(`bench:import: ${wslExe}, ${tarball}; warm-up (the vhd-copy one makes the run's template), then ${reps} x each, interleaved ...\n`);
    const firstVhdMs = await importOnce("vhd-copy");
    const templateMs = transcript.entries.filter((e) => e.argv.some((a) => a.startsWith("nwh-template-"))).reduce((sum, e) => sum + e.durationMs, 0);
    for (const mode of WSL_IMPORT_MODES.filter((m) => m !== "vhd-copy")) await importOnce(mode);
    for (let i = 0; i < reps; i++) {
      // Each rep starts with another mode, so that none always follows the same one.
      const order = WSL_IMPORT_MODES.map((_, k) => WSL_IMPORT_MODES[(i + k) % WSL_IMPORT_MODES.length] as WslImportMode);
      for (const mode of order) samples[mode].push(await importOnce(mode));
    }
    const summaries = Object.fromEntries(WSL_IMPORT_MODES.map((mode) => [mode, summarize(samples[mode])])) as Record<WslImportMode, SampleSummary>;
    const fastest = [...WSL_IMPORT_MODES].sort((a, b) => summaries[a].median - summaries[b].median)[0] as WslImportMode;
    const ratio = (mode: WslImportMode) => `${(summaries[mode].median / summaries.tar.median).toFixed(2)}x`;
    const row = (name: string, s: SampleSummary) => `| ${name} | ${formatMs(s.median)} | ${formatMs(s.min)} | ${formatMs(s.max)} | ${s.n} |`;
    const emulated = wslExe === EMULATOR ? " (the WSL emulator, each tar import untarred: Docker containers, not Windows' figures)" : "";
    process.stdout.write(
      [
        `WSL import per suite file${emulated} — ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`,
        `tarball: ${tarball}`,
        "",
        "| importDistro | median | min | max | n |",
        "|---|---|---|---|---|",
        row("tar: `wsl --import NAME DIR TARBALL --version 2`", summaries.tar),
        row("vhd-copy: `wsl --import NAME DIR TEMPLATE.vhdx --vhd --version 2`", summaries["vhd-copy"]),
        row("vhd-in-place: copy TEMPLATE.vhdx to DIR, `wsl --import-in-place NAME DIR\\ext4.vhdx`", summaries["vhd-in-place"]),
        `| ratio to tar (medians) | vhd-copy ${ratio("vhd-copy")}, vhd-in-place ${ratio("vhd-in-place")}; fastest: ${fastest} | | | |`,
        `| vhd-copy's template, once per run (tar import + \`--export --format vhd\`) | ${formatMs(templateMs)} (first vhd-copy import in all: ${formatMs(firstVhdMs)}) | | | 1 |`,
        "",
      ].join("\n"),
    );
    return 0;
  } finally {
    for (const backend of Object.values(backends)) await backend.dispose().catch(() => {});
    const sweeper = new WslSweeper({ runId, wslExe, ledgerDir });
    for (const leftover of await sweeper.findLeftovers()) await sweeper.removeLeftover(leftover);
    rmSync(work, { recursive: true, force: true });
  }
}

async function standinTarball(): Promise<string> {
  const { buildStandin } = await import("../../../fixtures/standin/build-standin.ts");
  return (await buildStandin({ log: (line: string) => process.stderr.write(`${line}\n`) })).tarball;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:import: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
