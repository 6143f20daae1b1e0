import { defineConfig } from "vitest/config";

/**
 * Synthetic suites for the reporter's own tests (`*.sample.ts`, so the main projects never pick them up).
 * Run with `--root harness/report/testdata/<dir>` and `--config` pointing here.
 */
export default defineConfig({
  test: {
    include: ["**/*.sample.ts"],
    testTimeout: 10_000,
    fileParallelism: false,
  },
});
