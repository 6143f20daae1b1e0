/** `${{ ... }}` expressions and the context properties they reference. */

export type Reference =
  | { kind: "inputs"; name: string; text: string }
  | { kind: "needs"; job: string; output?: string; text: string }
  | { kind: "matrix"; key: string; text: string }
  | { kind: "steps"; step: string; output?: string; text: string }
  | { kind: "jobs"; job: string; output: string; text: string };

/** The bodies of every `${{ ... }}` in a string. */
export function expressionsIn(text: string): string[] {
  const found: string[] = [];
  const pattern = /\$\{\{([\s\S]*?)\}\}/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push((match[1] ?? "").trim());
  return found;
}

/**
 * An `if:` is an expression even without `${{ }}`; other fields only inside `${{ }}`.
 * Returns the expression bodies of one field value.
 */
export function expressionsOfField(value: unknown, isCondition: boolean): string[] {
  if (typeof value !== "string") return [];
  const wrapped = expressionsIn(value);
  if (isCondition && wrapped.length === 0 && value.trim() !== "") return [value.trim()];
  return wrapped;
}

const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
// Not preceded by a word character, a dot or a dash: `github.event.inputs.x` is not `inputs.x`.
const START = "(?<![\\w.-])";

/** Context references in one expression body; string literals are ignored. */
export function referencesIn(expression: string): Reference[] {
  const code = expression.replace(/'(?:[^']|'')*'/g, "''");
  const references: Reference[] = [];
  const scan = (pattern: string, make: (m: RegExpExecArray) => Reference) => {
    const regex = new RegExp(START + pattern, "g");
    for (let m = regex.exec(code); m; m = regex.exec(code)) references.push(make(m));
  };
  scan(`inputs\\.(${NAME})`, (m) => ({ kind: "inputs", name: m[1] ?? "", text: m[0] }));
  scan(`needs\\.(${NAME})(?:\\.outputs\\.(${NAME}))?`, (m) => ({ kind: "needs", job: m[1] ?? "", output: m[2], text: m[0] }));
  scan(`matrix\\.(${NAME})`, (m) => ({ kind: "matrix", key: m[1] ?? "", text: m[0] }));
  scan(`steps\\.(${NAME})(?:\\.outputs\\.(${NAME}))?`, (m) => ({ kind: "steps", step: m[1] ?? "", output: m[2], text: m[0] }));
  scan(`jobs\\.(${NAME})\\.outputs\\.(${NAME})`, (m) => ({ kind: "jobs", job: m[1] ?? "", output: m[2] ?? "", text: m[0] }));
  return references;
}

/** Every string in a YAML value with its path, depth first. */
export function* stringsIn(value: unknown, path: string): Generator<{ path: string; text: string; key?: string }> {
  if (typeof value === "string") {
    yield { path, text: value };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringsIn(item, `${path}[${index}]`);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      // Keys can hold expressions too (rare); values are what matter.
      for (const found of stringsIn(item, `${path}.${key}`)) yield { ...found, key: found.key ?? key };
    }
  }
}
