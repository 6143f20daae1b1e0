import { expect, test } from "vitest";

test("never reached when interrupted", () => {
  expect(true).toBe(true);
});
