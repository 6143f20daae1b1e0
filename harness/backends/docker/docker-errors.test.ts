import { describe, expect, it } from "vitest";
import { ExecError, type ExecResult } from "../../exec/index.ts";
import { classifyDockerError, isContainerNotRunning, isEngineErrorOutput, isInUse, isNoSuchObject } from "./docker-errors.ts";

function failed(stderr: string, failure: "exit" | "timeout" = "exit"): ExecError {
  const result: ExecResult = {
    argv: ["docker", "x"], exitCode: failure === "exit" ? 1 : undefined, timedOut: failure === "timeout", timeoutMs: 1000, durationMs: 1,
    stdout: "", stderr, stdoutBytes: Buffer.alloc(0), stderrBytes: Buffer.from(stderr), truncated: false,
  };
  return new ExecError(failure, result);
}

describe("classifyDockerError", () => {
  it.each([
    "Error response from daemon: unlinkat /var/lib/docker/overlay2/x/merged: device or resource busy",
    "error during connect: Post \"http://%2Fvar%2Frun%2Fdocker.sock/v1.41/containers/create\": read unix @->/var/run/docker.sock: read: connection reset by peer",
    "Error response from daemon: removal of container abc is already in progress",
    "Error response from daemon: ttrpc: closed: unknown",
  ])("retries the transient engine error %#", (stderr) => {
    expect(classifyDockerError(failed(stderr))).toMatchObject({ transient: true });
  });

  it.each([
    "Error response from daemon: No such container: nwh-x",
    "Error response from daemon: Conflict. The container name \"/nwh-a\" is already in use",
    "Error response from daemon: Error processing tar file(exit status 1): unexpected EOF",
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
  ])("does not retry %#", (stderr) => {
    expect(classifyDockerError(failed(stderr))).toEqual({ transient: false });
  });

  it("never retries a timeout or a plain error", () => {
    expect(classifyDockerError(failed("device or resource busy", "timeout"))).toEqual({ transient: false });
    expect(classifyDockerError(new Error("boom"))).toEqual({ transient: false });
  });
});

describe("docker error predicates", () => {
  it("tells engine errors from a command's own output", () => {
    expect(isEngineErrorOutput("Error response from daemon: Container 1a2b is not running\n")).toBe(true);
    expect(isEngineErrorOutput("grep: x: No such file or directory\n")).toBe(false);
  });

  it("recognises a stopped container, a missing object and one in use", () => {
    expect(isContainerNotRunning("Error response from daemon: Container 0123abcd is not running")).toBe(true);
    expect(isContainerNotRunning("service is not running")).toBe(false);
    expect(isNoSuchObject(failed("Error: No such image: nwh-distro/x:y"))).toBe(true);
    expect(isInUse(failed("Error response from daemon: conflict: unable to remove repository reference \"a:b\" (must force) - container 12 is using its referenced image 34"))).toBe(true);
    expect(isInUse(failed("Error response from daemon: error while removing network: network nwh-x id 12 has active endpoints"))).toBe(true);
  });
});
