import { describe, expect, it } from "vitest";
import { dockerHostFatalFix } from "./docker-host-fatal.ts";

describe("dockerHostFatalFix", () => {
  it("names the fix when the engine is gone, as the docker client and the engine's socket say it", () => {
    expect(dockerHostFatalFix(new Error("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"))).toMatch(/no Docker engine is reachable; start one/);
    expect(dockerHostFatalFix(new Error("connect ECONNREFUSED /var/run/docker.sock"))).toMatch(/docker info/);
  });

  it("leaves other errors alone", () => {
    expect(dockerHostFatalFix(new Error("container nwh-x exited 1: systemd did not finish booting"))).toBeUndefined();
    expect(dockerHostFatalFix("no such image")).toBeUndefined();
  });
});
