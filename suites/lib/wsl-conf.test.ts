import { expect, test } from "vitest";
import { wslConfValue } from "./wsl-conf.ts";

test("reads a key of a section, case-insensitively, ignoring comments; the last one wins", () => {
  const conf = "[boot]\nsystemd=true\n# [network]\n[Network]\nHostname = box1 # old\nhostname=\"box2\"\n[user]\ndefault=nixos\n";
  expect(wslConfValue(conf, "network", "hostname")).toBe("box2");
  expect(wslConfValue(conf, "user", "default")).toBe("nixos");
  expect(wslConfValue(conf, "network", "generateResolvConf")).toBeUndefined();
});
