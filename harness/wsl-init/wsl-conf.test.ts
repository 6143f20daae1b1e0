import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWslInit } from "../../fixtures/wsl-init/build-init.ts";
import { exec } from "../exec/index.ts";
import { parseWslConf, parseWslInt, wslConfValue, wslDistroConfig } from "./wsl-conf.ts";

const CASES: Record<string, string> = {
  nixosWsl: "[automount]\nenabled=true\nmountFsTab=false\nroot=/mnt\n\n[boot]\ncommand=\nsystemd=true\n\n[interop]\nappendWindowsPath=true\nenabled=true\n\n[network]\ngenerateHosts=true\ngenerateResolvConf=true\nhostname=nixos\n\n[user]\ndefault=nixos\n",
  caseAndSpaces: "  [Boot]  \n  SYSTEMD =   TRUE   \n\tinitTimeout\t=\t0x10\n[NETWORK] # comment\nhostName = \"my host \" # trailing\n",
  firstWins: "[user]\ndefault=first\ndefault=second\n[network]\ngenerateResolvConf=false\ngenerateResolvConf=true\n",
  semicolonStops: "[boot]\nsystemd=true\n; a comment WSL does not know\n[user]\ndefault=never\n",
  escapes: '[boot]\ncommand=echo \\"a\\" \\\\ \\t x \\\n  continued\n[network]\nhostname="quoted # not a comment"\n',
  badEscapeStops: "[user]\ndefault=a\\qb\n[boot]\nsystemd=true\n",
  unterminatedQuote: "[boot]\nsystemd=\"true\n[user]\ndefault=x\n",
  crlf: "[boot]\r\nsystemd=true\r\ninitTimeout=2500\r\n\r\n[user]\r\ndefault=nixos\r\n",
  noSection: "systemd=true\n[boot]\ninitTimeout=08\n",
  underscoreStops: "[network]\ngenerate_hosts=false\nhostname=x\n",
  badSection: "[boot-x]\nsystemd=true\n",
  comments: "# [boot]\n#systemd=true\n[boot]\n# x\nsystemd = 1 #c\ninitTimeout=-5\n",
  unknownKeys: "[wsl2]\nnetworkingMode=mirrored\n[boot]\nfoo=bar\nsystemd=false\n",
  empty: "",
  emptyValues: "[boot]\nsystemd=\ninitTimeout=\n[network]\nhostname=\n",
  noTrailingNewline: "[boot]\nsystemd=true",
};

describe("parseWslConf follows WSL's configfile.cpp (the C twin parses the same way)", () => {
  let init = "";
  let dir = "";
  beforeAll(async () => {
    init = await buildWslInit();
    dir = mkdtempSync(path.join(tmpdir(), "nwh-wslconf-"));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(CASES)) {
    it(`${name}: TS and C agree`, async () => {
      const file = path.join(dir, `${name}.conf`);
      writeFileSync(file, text);
      const result = await exec([init, "--nwh-parse-wsl-conf", file], { timeoutMs: 10_000, check: true });
      const fromC = JSON.parse(result.stdout) as { values: Record<string, string>; stoppedAtLine: number | null; config: unknown };
      const fromTs = parseWslConf(text);
      expect(fromTs.values).toEqual(fromC.values);
      expect(fromTs.stoppedAtLine).toBe(fromC.stoppedAtLine);
      expect(wslDistroConfig(text)).toEqual(fromC.config);
    });
  }

  it("reads values as WSL does", () => {
    expect(parseWslConf(CASES.caseAndSpaces as string).values).toEqual({ "boot.systemd": "TRUE", "boot.initTimeout": "0x10", "network.hostname": "my host " });
    expect(wslDistroConfig(CASES.firstWins as string)).toMatchObject({ defaultUser: "first", generateResolvConf: false });
    expect(wslDistroConfig(CASES.semicolonStops as string)).toMatchObject({ systemd: true, defaultUser: null });
    expect(parseWslConf(CASES.semicolonStops as string).stoppedAtLine).toBe(3);
    expect(parseWslConf(CASES.escapes as string).values).toEqual({ "boot.command": 'echo "a" \\ \t x   continued', "network.hostname": "quoted # not a comment" });
    expect(wslDistroConfig("")).toEqual({ systemd: false, initTimeoutMs: 10_000, generateResolvConf: true, generateHosts: true, hostname: null, defaultUser: null });
  });

  it("parses integers as strtol(…, 0) over the whole value", () => {
    expect([parseWslInt("10"), parseWslInt("0x10"), parseWslInt("010"), parseWslInt("-3"), parseWslInt("08"), parseWslInt(""), parseWslInt("1e3"), parseWslInt("99999999999")]).toEqual([
      10, 16, 8, -3, undefined, undefined, undefined, undefined,
    ]);
  });
});

describe("wslConfValue (what suites, the emulator's .wslconfig and the Docker backend read through)", () => {
  it("reads a key of a section case-insensitively, quotes and # comments dropped, the first value kept", () => {
    const conf = "[boot]\nsystemd=true\n# [network]\n[Network]\nHostname = box1 # old\nhostname=\"box2\"\n[user]\ndefault=\"nixos\"\n";
    expect(wslConfValue(conf, "network", "hostname")).toBe("box1");
    expect(wslConfValue(conf, "user", "default")).toBe("nixos");
    expect(wslConfValue(conf, "network", "generateResolvConf")).toBeUndefined();
  });

  it("reads nothing after the first invalid line (a `;` comment is one), and nothing for an empty value", () => {
    expect(wslConfValue("; x\r\n[user]\r\ndefault=bob\r\n", "user", "default")).toBeUndefined();
    expect(wslConfValue("[user]\ndefault=\n", "user", "default")).toBeUndefined();
    expect(wslConfValue("[wsl2]\r\nnetworkingMode=Mirrored\r\n", "wsl2", "networkingMode")).toBe("Mirrored");
  });
});
