/** Every default timeout of the harness, named once (config `timeouts` and the flags override the first three). */
export const DEFAULT_TIMEOUTS = {
  /** One process call in a distro. */
  execMs: 120_000,
  /** Import plus first boot of a distro. */
  bootMs: 300_000,
  /** waitForUnit, waitUntilSucceeds and the like. */
  waitMs: 60_000,
  /** `wsl --import`/`--export` of a 700 MB tarball on a loaded CI runner (slower than a container import). */
  wslImportMs: 600_000,
  /** One call of a poll loop (a `systemctl is-system-running` inside a boot wait, a probe's round trip). */
  pollCallCapMs: 30_000,
  /** Removing what a run created (docker stop/rm, wsl --unregister), also on exit. */
  cleanupMs: 120_000,
} as const;
