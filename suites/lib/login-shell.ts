import type { Distro } from "../../harness/distro.ts";

/**
 * The default user's login shell from /etc/passwd and, for NixOS-WSL's wrapper, the shell it wraps and whether that
 * exists: what a failed start through the shell needs named (NixOS-WSL#621, #593). Asked without the shell (argv).
 */
export async function describeLoginShell(distro: Distro): Promise<string> {
  const script = [
    'entry=$(getent passwd "$(id -un)") || { echo "no passwd entry for $(id -un)"; exit 0; }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a JS template
    'shell=${entry##*:}',
    'printf "login shell of %s: %s" "$(id -un)" "$shell"',
    '[ -e "$shell" ] || printf " (missing)"',
    'wrapped=$(readlink "$(dirname "$shell")/shell" 2>/dev/null) && { printf ", wraps %s" "$wrapped"; [ -e "$wrapped" ] || printf " (missing)"; }',
    "echo",
  ].join("\n");
  const r = await distro.execute(["sh", "-c", script]);
  return r.stdout.trim() || `login shell unknown (exit ${r.exitCode}: ${r.stderr.trim()})`;
}
