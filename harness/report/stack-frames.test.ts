import { describe, expect, test } from "vitest";
import { firstFrameIn, relativeFile, stackFrames } from "./stack-frames.ts";

describe("stackFrames", () => {
  test("rewrites V8 frames to `NAME (relative path:L:C)`, anonymous ones too, from paths and file URLs", () => {
    const stack = [
      "AssertionError: expected 1 to be 2",
      "    at /work/repo/suites/systemd.suite.ts:10:14",
      "    at checkUnit (file:///work/repo/suites/lib/units.ts:3:5)",
      "    at async runTest (/work/repo/node_modules/vitest/dist/index.js:1:2)",
      "    at node:internal/process/task_queues:95:5",
    ].join("\n");
    const frames = stackFrames("/work/repo/", stack);
    expect(frames).toEqual([
      { method: "<anonymous>", file: "suites/systemd.suite.ts", line: 10, column: 14 },
      { method: "checkUnit", file: "suites/lib/units.ts", line: 3, column: 5 },
      { method: "async runTest", file: "node_modules/vitest/dist/index.js", line: 1, column: 2 },
      { method: "<anonymous>", file: "node:internal/process/task_queues", line: 95, column: 5 },
    ]);
    expect(firstFrameIn(frames, "suites/lib/units.ts")?.line).toBe(3);
  });

  test("prefers vitest's parsed frames and handles Windows paths", () => {
    expect(stackFrames("C:\\a\\repo", "ignored", [{ method: "", file: "C:\\a\\repo\\suites\\x.suite.ts", line: 4, column: 2 }])).toEqual([{ method: "<anonymous>", file: "suites/x.suite.ts", line: 4, column: 2 }]);
    expect(relativeFile("/work/repo", "/elsewhere/x.ts")).toBe("/elsewhere/x.ts");
  });
});
