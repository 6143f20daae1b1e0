/**
 * The kernel's own boot, read from its log (`dmesg`): the instant the kernel handed over to its init. printk
 * timestamps count seconds since the kernel started, on the clock CLOCK_MONOTONIC also starts from, so the figure is
 * the kernel phase itself (no clock mapping) and its instant on the distro's monotonic clock.
 */
export interface KernelBoot {
  /** ms from the kernel's start to the hand-over to init. */
  initMs: number;
  /** Which line marked it: the kernel's `Run /init as init process`, else WSL's init's first line. */
  marker: "run-init" | "wsl-init";
}

/** `[    0.452901] message` (dmesg's default format; a `[T1]`-style caller field may follow the time). */
const LINE = /^\[\s*(\d+\.\d+)\](?:\[\s*[TC]\d+\])?\s(.*)$/;
/** The kernel's own line (init/main.c run_init_process). */
const RUN_INIT = /^Run \S+ as init process$/;
/** WSL's init logging to /dev/kmsg as PID 1 of the VM: `WSL (1 - <thread>): ...` (older builds: `WSL (1) ...`). */
const WSL_INIT = /^WSL \(1(?: - [^)]*)?\)/;

/** The kernel's hand-over to init in a `dmesg` text; undefined when the log holds neither marker (wrapped, or none printed). */
export function parseKernelBoot(dmesg: string): KernelBoot | undefined {
  let wslInit: KernelBoot | undefined;
  for (const raw of dmesg.split(/\r?\n/)) {
    const m = LINE.exec(raw.trimEnd());
    if (!m) continue;
    const ms = Number(m[1]) * 1000;
    const text = (m[2] ?? "").trim();
    if (RUN_INIT.test(text)) return { initMs: ms, marker: "run-init" };
    if (!wslInit && WSL_INIT.test(text)) wslInit = { initMs: ms, marker: "wsl-init" };
  }
  return wslInit;
}
