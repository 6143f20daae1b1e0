import type { Leftover, LeftoverSweeper } from "../../backend.ts";
import { docker } from "./docker-cli.ts";
import { isNoSuchObject } from "./docker-errors.ts";
import { labelFilterArgs } from "../../container/docker-labels.ts";
import { LABEL_IMAGE_CACHE } from "../../container/image-cache.ts";
import { LABEL_DISTRO, LABEL_RUN } from "../../container/systemd-container-flags.ts";

/** Kinds in the order they must go: containers hold networks and images. */
const ORDER = ["container", "network", "image"] as const;
export type DockerLeftoverKind = (typeof ORDER)[number];

/**
 * Finds harness-made containers, networks and images by their `nwh.managed` label (one run's with `runId`)
 * and removes them; with `imageCache` also the image cache's images (which belong to no run). Lists containers
 * first, then networks, then images: remove in the listed order.
 */
export class DockerSweeper implements LeftoverSweeper {
  readonly #runId?: string;
  readonly #imageCache: boolean;

  constructor(options: { runId?: string; wslExe?: string; imageCache?: boolean } = {}) {
    this.#runId = options.runId;
    this.#imageCache = options.imageCache ?? false;
  }

  async findLeftovers(): Promise<Leftover[]> {
    const filter = labelFilterArgs({ runId: this.#runId });
    const runLabel = `{{.Label "${LABEL_RUN}"}}`;
    const imageFormat = ["--format", "{{.ID}}\t{{.Repository}}:{{.Tag}} ({{.Size}})"];
    const [containers, networks, images, cached] = await Promise.all([
      docker(["ps", "-a", ...filter, "--format", `{{.ID}}\t{{.Names}} (${runLabel}, distro {{.Label "${LABEL_DISTRO}"}}, {{.Status}})`]),
      docker(["network", "ls", ...filter, "--format", `{{.ID}}\t{{.Name}} (${runLabel})`]),
      docker(["images", "-a", ...filter, ...imageFormat]),
      this.#imageCache ? docker(["images", "--filter", `label=${LABEL_IMAGE_CACHE}=true`, ...imageFormat]) : undefined,
    ]);
    const cachedImages = parseImageRows(cached?.stdout ?? "").map((row) => ({ ...row, description: `${row.description}, image cache` }));
    return [...parseRows("container", containers.stdout), ...parseRows("network", networks.stdout), ...parseImageRows(images.stdout), ...cachedImages];
  }

  async removeLeftover(leftover: Leftover): Promise<void> {
    const args =
      leftover.kind === "container" ? ["rm", "-f", "-v", leftover.id]
      : leftover.kind === "network" ? ["network", "rm", leftover.id]
      : leftover.kind === "image" ? ["rmi", leftover.id]
      : undefined;
    if (!args) throw new Error(`DockerSweeper cannot remove a leftover of kind "${leftover.kind}"`);
    await docker(args).catch((error: unknown) => {
      if (!isNoSuchObject(error)) throw error;
    });
  }
}

export function parseRows(kind: DockerLeftoverKind, stdout: string): Leftover[] {
  return stdout
    .split("\n")
    .filter((line) => line.includes("\t"))
    .map((line) => {
      const [id = "", description = ""] = line.split("\t");
      return { kind, id: id.trim(), description: description.trim() };
    });
}

/** Images by tag (an image id with two tags needs both gone); dangling ones by id. One row per id:tag. */
export function parseImageRows(stdout: string): Leftover[] {
  const seen = new Set<string>();
  return parseRows("image", stdout).flatMap((row) => {
    const ref = row.description.split(" ")[0] ?? "";
    const id = ref.includes("<none>") ? row.id : ref;
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ ...row, id, description: `${row.id} ${row.description}` }];
  });
}
