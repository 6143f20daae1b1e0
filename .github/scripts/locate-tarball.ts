/**
 * Finds the distro tarball a workflow step should import, downloading it first when given a URL.
 *
 *   node .github/scripts/locate-tarball.ts <artifact-name|http(s)-URL> <dir>
 *
 * For an artifact name, the download-artifact step has already put its files in <dir>. Exactly one
 * `*.wsl`, `*.tar.gz` or `*.tar` must be there (searched recursively). Writes the step output `path`.
 */
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { download } from "./download.ts";
import { annotateError, setOutput } from "./github-output.ts";

const TARBALL = /\.(wsl|tar\.gz|tar)$/i;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/** The file name a URL's path ends in, or nixos.wsl when it ends in none. */
export function fileNameFromUrl(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  return TARBALL.test(name) ? name : "nixos.wsl";
}

export function findTarballs(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch (error) {
    throw new Error(`no tarball: ${dir} cannot be read (${(error as Error).message}); did the download step run?`);
  }
  return entries.filter((entry) => TARBALL.test(entry)).map((entry) => path.resolve(dir, entry)).sort();
}

export async function locateTarball(source: string, dir: string, log: (line: string) => void = () => {}): Promise<string> {
  mkdirSync(dir, { recursive: true });
  if (isUrl(source)) await download(source.trim(), path.join(dir, fileNameFromUrl(source.trim())), { log });
  const found = findTarballs(dir);
  if (found.length === 1 && found[0]) return found[0];
  const listing = readdirSync(dir, { recursive: true, encoding: "utf8" }).join(", ") || "nothing";
  if (found.length === 0) throw new Error(`no *.wsl, *.tar.gz or *.tar in ${dir} (it holds: ${listing}); check the tarball input ${JSON.stringify(source)}`);
  throw new Error(`${found.length} tarballs in ${dir} (${found.map((f) => path.basename(f)).join(", ")}); upload one per artifact, or pass a URL`);
}

async function main(argv: string[]): Promise<number> {
  const [source, dir] = argv;
  if (argv.length !== 2 || !source || !dir) {
    process.stderr.write("Usage: node .github/scripts/locate-tarball.ts <artifact-name|http(s)-URL> <dir>\n");
    return 2;
  }
  const file = await locateTarball(source, dir, (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(`Tarball: ${file}\n`);
  setOutput("path", file);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      annotateError("locate-tarball", error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
