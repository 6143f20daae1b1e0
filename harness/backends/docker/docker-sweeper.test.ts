import { describe, expect, it } from "vitest";
import { parseImageRows, parseRows } from "./docker-sweeper.ts";
import { loopbackPortMap } from "../../container/published-ports.ts";

describe("sweeper rows", () => {
  it("parses id<TAB>description rows", () => {
    expect(parseRows("container", "abc\tnwh-r-d (r, distro d, Up 2 minutes)\n\n")).toEqual([{ kind: "container", id: "abc", description: "nwh-r-d (r, distro d, Up 2 minutes)" }]);
  });

  it("removes images by tag, dangling ones by id, each once", () => {
    const rows = parseImageRows("111\tnwh-distro/r:aa (200MB)\n111\tnwh-distro/r:aa (200MB)\n222\t<none>:<none> (1MB)\n");
    expect(rows.map((r) => r.id)).toEqual(["nwh-distro/r:aa", "222"]);
  });
});

describe("loopbackPortMap", () => {
  it("maps container TCP ports to their 127.0.0.1 host ports only", () => {
    const map = loopbackPortMap({
      "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "32768" }],
      "8080/tcp": [{ HostIp: "0.0.0.0", HostPort: "32769" }],
      "53/udp": [{ HostIp: "127.0.0.1", HostPort: "32770" }],
      "22/tcp": null,
    });
    expect([...map]).toEqual([[80, 32768]]);
  });
});
