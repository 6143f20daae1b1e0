import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKernelBoot } from "./kernel-log.ts";

// Sources of the recorded lines: recorded/dmesg-README.md (real ones from microsoft/WSL#11822; synthetic ones labelled).
const recorded = (name: string) => readFileSync(new URL(`./recorded/${name}`, import.meta.url), "utf8");

describe("parseKernelBoot", () => {
  it("takes the kernel's `Run /init as init process` line, before WSL's init's own lines", () => {
    expect(parseKernelBoot(recorded("dmesg-wsl2-boot-synthetic.txt"))).toEqual({ initMs: 452.901, marker: "run-init" });
  });

  it("falls back to WSL's init's first kmsg line when the kernel's line is gone", () => {
    expect(parseKernelBoot(recorded("dmesg-wsl2-init-only-synthetic.txt"))).toEqual({ initMs: 517.004, marker: "wsl-init" });
  });

  it("finds nothing in the real head of a WSL 2 log (microsoft/WSL#11822) that holds neither line: no figure, not 0", () => {
    expect(parseKernelBoot(recorded("dmesg-wsl2-head-ms-wsl-11822.txt"))).toBeUndefined();
  });

  it("reads CRLF, a caller field, and ignores lines that only mention /init", () => {
    const text = "[    1.000000] systemd[1]: Run /init as init process? no\r\n[    1.583981][    T1] Run /init as init process\r\n";
    expect(parseKernelBoot(text)).toEqual({ initMs: 1583.981, marker: "run-init" });
  });

  it("a container's view of the host's log (a Docker distro) parses too; whether it is this boot's is the caller's check", () => {
    expect(parseKernelBoot("[    2.048476] Run /init as init process\n")?.initMs).toBeCloseTo(2048.476, 6);
  });
});
