import { describe, expect, it } from "vitest";
import { distroContainerName, dockerNamePart, importLabelChanges, labelFilterArgs, runImageTag, runLabels, runNetworkName } from "./docker-labels.ts";

describe("labels and filters", () => {
  it("labels a run resource, and a distro container with its distro", () => {
    expect(runLabels("nwh-abc")).toEqual({ "nwh.managed": "true", "nwh.run": "nwh-abc" });
    expect(runLabels("nwh-abc", "d1")).toEqual({ "nwh.managed": "true", "nwh.run": "nwh-abc", "nwh.distro": "d1" });
  });

  it("filters on the managed label, narrowed by run and distro", () => {
    expect(labelFilterArgs()).toEqual(["--filter", "label=nwh.managed=true"]);
    expect(labelFilterArgs({ runId: "r1", distro: "d" })).toEqual(["--filter", "label=nwh.managed=true", "--filter", "label=nwh.run=r1", "--filter", "label=nwh.distro=d"]);
  });

  it("passes labels to docker import as quoted LABEL changes", () => {
    expect(importLabelChanges({ "nwh.run": "r 1" })).toEqual(["--change", 'LABEL nwh.run="r 1"']);
  });
});

describe("docker names", () => {
  it("keeps a valid name as it is", () => {
    expect(dockerNamePart("nwh-run.1_a")).toBe("nwh-run.1_a");
  });

  it("makes any input a valid lowercase name and keeps distinct inputs distinct", () => {
    const a = dockerNamePart("NixOS Test");
    const b = dockerNamePart("nixos-test");
    expect(a).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    expect(a).not.toBe(b);
    expect(dockerNamePart("---")).toMatch(/^[0-9a-f]{8}$/);
    expect(dockerNamePart("x".repeat(200), 20).length).toBeLessThanOrEqual(20);
  });

  it("tags the run image by run and tarball digest, and rejects a digest that is not one", () => {
    expect(runImageTag("nwh-R1", "a".repeat(64))).toMatch(/^nwh-distro\/nwh-r1-[0-9a-f]{8}:a{24}$/);
    expect(() => runImageTag("r", "xyz")).toThrow(/64 lowercase hex/);
  });

  it("names the run network and distro containers after the run", () => {
    expect(runNetworkName("nwh-1")).toBe("nwh-nwh-1");
    expect(distroContainerName("nwh-1", "basic")).toBe("nwh-nwh-1-basic");
  });
});
