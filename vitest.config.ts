import { configDefaults, defineConfig } from "vitest/config";
import { EXCLUSIVE_PROJECT, PARALLEL_PROJECT } from "./harness/model/suite-phase.ts";

const SUITE_DIRS = ["suites", "fixtures/suites"];

export default defineConfig({
  test: {
    reporters: ["default", "./harness/run/closing-line-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["harness/**/*.test.ts", "fixtures/**/*.test.ts", "suites/**/*.test.ts", "bin/**/*.test.ts", ".github/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        // Needs a Docker engine (the stand-in, the Docker backend, the WSL emulator, end-to-end runs).
        test: {
          name: "integration",
          include: ["harness/**/*.itest.ts", "fixtures/**/*.itest.ts", "suites/**/*.itest.ts"],
          // Each tarball is imported once for the whole test run, not once per `nwh run` (nwh cleanup --image-cache removes them).
          env: { NWH_IMAGE_CACHE: "1" },
          testTimeout: 600_000,
          hookTimeout: 900_000,
          // Two files at a time: a run waits on its distros much of the time. Files share only the Docker engine
          // and the image cache; each scopes what it counts and removes by its own run id or emulator state.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // Windows-side tests: run as win32 processes by `npm run test:windows` (Node for Windows under Wine).
        test: {
          name: "windows",
          include: ["fixtures/wine/**/*.wtest.ts"],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        // Scenario suites: run by `nwh run` against a backend, not by `npm test` directly. The parallel phase first
        // (--concurrency files at once), then the exclusive one (harness/model/suite-phase.ts). A group order of 0
        // is not used: vitest runs a one-worker project of order 0 after every other group.
        test: {
          name: PARALLEL_PROJECT,
          include: SUITE_DIRS.map((dir) => `${dir}/**/*.suite.ts`),
          exclude: [...configDefaults.exclude, "**/*.exclusive.suite.ts"],
          globalSetup: ["harness/run/suites-global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          sequence: { shuffle: false, groupOrder: 1 },
        },
      },
      {
        // One file at a time, after the parallel phase: runSuites sets its maxWorkers to 1 (--concurrency sets every project's).
        test: {
          name: EXCLUSIVE_PROJECT,
          include: SUITE_DIRS.map((dir) => `${dir}/**/*.exclusive.suite.ts`),
          globalSetup: ["harness/run/suites-global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          sequence: { shuffle: false, groupOrder: 2 },
        },
      },
    ],
  },
});
