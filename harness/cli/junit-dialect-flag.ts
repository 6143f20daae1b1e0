import { UsageError } from "../model/usage-error.ts";

/** `--junit-dialect` of `nwh run` and `nwh report merge`: "default" or "jenkins" (undefined when not given). */
export function parseJunitDialect(value: string | undefined): "default" | "jenkins" | undefined {
  if (value === undefined) return undefined;
  if (value === "default" || value === "jenkins") return value;
  throw new UsageError(`--junit-dialect must be "default" or "jenkins" (jenkins: valid against Jenkins xunit's junit-10.xsd), got "${value}"`);
}
