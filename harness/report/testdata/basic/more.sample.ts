import { describe, expect, test } from "vitest";

describe("more", () => {
  for (const n of [1, 2, 3]) {
    test(`passes ${n}`, () => {
      expect(n).toBeGreaterThan(0);
    });
  }
  test.todo("is still to write");
});
