import { existsSync } from "node:fs";
import { expect, test } from "vitest";
import { WaitAbortError, waitUntil } from "../../../wait.ts";

// The interrupt test sends SIGINT once the first two cases are in junit.xml; the third waits for a file
// that never appears, so it is the one running when the signal comes.
const neverFile = process.env.NWH_SAMPLE_NEVER_FILE ?? "/nonexistent/nwh-sample-never";

test("step 1", () => {
  expect(true).toBe(true);
});

test("step 2", () => {
  expect(true).toBe(true);
});

test("step 3 waits to be interrupted", { timeout: 60_000 }, async ({ signal }) => {
  await waitUntil(
    async () => {
      if (signal.aborted) throw new WaitAbortError("the run was cancelled");
      return existsSync(neverFile);
    },
    { timeoutMs: 55_000, what: `${neverFile} (never created)` },
  );
});

test("step 4", () => {
  expect(true).toBe(true);
});
