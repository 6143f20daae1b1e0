// The regression zoo (suites/lib/zoo-cases.ts): every variant must make the suite that should catch it fail, in the
// right test, with a message naming the cause, and the run must leave nothing behind. The runs share one beforeAll
// (two at a time) so that the file stays well within its budget.
import { beforeAll, describe, expect, test } from "vitest";
import { buildStandin } from "../fixtures/standin/build-standin.ts";
import { labelFilterArgs } from "../harness/container/docker-labels.ts";
import { exec } from "../harness/exec/index.ts";
import { type CliRun, findCase, runNwh } from "./lib/run-cli.ts";
import { ZOO, type ZooCase, zooId } from "./lib/zoo-cases.ts";

const RUN_TIMEOUT_MS = 480_000;
const PARALLEL_RUNS = 2;

interface ZooRun {
  run?: CliRun;
  error?: unknown;
  leftovers: string[];
}

/** Containers, images and networks still labelled with the run's id after `nwh run` returned. */
async function leftoversOf(runId: string | undefined): Promise<string[]> {
  if (!runId) return ["(the run reported no run.id)"];
  const filters = labelFilterArgs({ runId });
  const found: string[] = [];
  for (const [kind, argv] of [["container", ["ps", "-a", "-q", ...filters]], ["image", ["images", "-q", ...filters]], ["network", ["network", "ls", "-q", ...filters]]] as const) {
    const listed = await exec(["docker", ...argv], { timeoutMs: 60_000 });
    for (const id of listed.stdout.split("\n").filter(Boolean)) found.push(`${kind} ${id}`);
  }
  return found;
}

/** A variant runs once: its image is the run's (removed after it), not kept in the image cache (the base's is). */
const ONE_RUN_IMAGE = { NWH_IMAGE_CACHE: "0" };

async function runCase(zoo: ZooCase): Promise<ZooRun> {
  try {
    const { tarball } = await buildStandin({ variant: zoo.variant, log: (line) => process.stderr.write(`${line}\n`) });
    const run = await runNwh(["--backend", "docker", "--tarball", tarball, "--suite", zoo.suite, "-t", zoo.tests], {
      timeoutMs: RUN_TIMEOUT_MS,
      config: { timeouts: { waitMs: 15_000 } }, // what never comes fails after 15 s, not the default minute
      env: { ...(zoo.variant === "base" ? {} : ONE_RUN_IMAGE), ...zoo.env },
    });
    return { run, leftovers: await leftoversOf(run.properties["run.id"]) };
  } catch (error) {
    return { error, leftovers: [] };
  }
}

describe("the regression zoo: each reproduced regression fails the suite that should catch it, naming the cause", () => {
  const results = new Map<string, ZooRun>();

  // NWH_ZOO=id,id (a case's id, else its variant) runs only those (when reproducing one); the others' tests then fail as not run.
  const only = process.env.NWH_ZOO?.split(",").filter(Boolean);
  beforeAll(async () => {
    const queue = ZOO.filter((zoo) => !only || only.includes(zooId(zoo)));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.set(zooId(next), await runCase(next));
    };
    await Promise.all(Array.from({ length: PARALLEL_RUNS }, worker));
  }, 1_800_000);

  for (const zoo of ZOO) {
    const env = Object.entries(zoo.env ?? {}).map(([k, v]) => `, ${k}=${v}`).join("");
    test(`${zoo.regression} (variant ${zoo.variant}${env}) fails ${zoo.suite}`, () => {
      const result = results.get(zooId(zoo));
      if (!result?.run) throw result?.error ?? new Error(`${zooId(zoo)}: no run`);
      const { run } = result;
      expect(run.exitCode, run.stderr.slice(-2000)).toBe(1);
      for (const wanted of zoo.expect) {
        const found = findCase(run, wanted.test);
        expect(found.status, `${wanted.test}: ${found.failure?.message ?? found.skipReason ?? ""}`).toBe("failed");
        expect(found.failure?.message, wanted.test).toMatch(wanted.message);
        if (wanted.type) expect(found.failure?.type, `${wanted.test}: the failure's type`).toBe(wanted.type);
      }
      expect(result.leftovers, "Docker resources of the run after it returned").toEqual([]);
    });
  }
});
