import { describe, expect, it } from "vitest";
import { UsageError } from "../../model/usage-error.ts";
import { benchCommand } from "./bench.ts";

describe("nwh bench --precision / --max-repetitions (refused before any backend starts)", () => {
  it.each([
    [["--max-repetitions", "20"], /--max-repetitions is the cap of --precision; give --precision too/],
    [["--precision", "lots"], /--precision must be a percentage such as 3% \(got "lots"\)/],
    [["--precision", "3%", "-n", "10", "--max-repetitions", "5"], /--max-repetitions \(5\) must be at least -n \(10\)/],
    [["--precision", "3%", "--max-repetitions", "0"], /--max-repetitions must be an integer >= 1/],
  ])("%j", async (argv, message) => {
    const run = benchCommand(argv);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});
