// Times the full `nwh run` on the Linux stand-in, sequential (--concurrency 1) and with the default concurrency,
// in one invocation; the stand-in build is done first and not timed. Usage: npm run bench:run
import { buildStandin } from "../../fixtures/standin/build-standin.ts";
import { runNwh } from "../lib/run-cli.ts";

const RUN_TIMEOUT_MS = 900_000;

async function timedRun(label: string, tarball: string, extra: string[]): Promise<string> {
  const started = performance.now();
  const run = await runNwh(["--backend", "docker", "--tarball", tarball, ...extra], { timeoutMs: RUN_TIMEOUT_MS });
  const seconds = (performance.now() - started) / 1000;
  const count = (status: string) => run.cases.filter((c) => c.status === status).length;
  return `${label.padEnd(26)} ${seconds.toFixed(1).padStart(6)} s   exit ${run.exitCode}   ${count("passed")} passed, ${count("failed") + count("error")} failed, ${count("skipped")} skipped   (reports: ${run.reportsDir})`;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const { tarball } = await buildStandin({ log });
log(`Stand-in: ${tarball} (build not timed)`);
const sequential = await timedRun("nwh run --concurrency 1", tarball, ["--concurrency", "1"]);
log(sequential);
const parallel = await timedRun("nwh run (default)", tarball, []);
log(parallel);
process.stdout.write(`Full run on the stand-in (${process.platform}, ${(await import("node:os")).cpus().length} cores):\n${sequential}\n${parallel}\n`);
