/** What a launched process prints first on stderr when its user's systemd session did not start (MessageSystemdUserSessionFailed). */
export function userSessionWarning(user: string): string {
  return `wsl: Failed to start the systemd user session for '${user}'. See journalctl for more details.`;
}

/** WSL's LOG_ERROR line when /sbin/init did not reach running/degraded within boot.initTimeout. */
export function initTimeoutNote(timeoutMs: number): string {
  return `/sbin/init failed to start within ${timeoutMs}ms`;
}
