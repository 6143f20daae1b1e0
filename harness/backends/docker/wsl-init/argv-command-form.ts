/**
 * How the harness runs an argv in a WSL distro: `--exec` would search WSL's fixed PATH (and fail on NixOS, where
 * programs live under /run/current-system/sw/bin), so the argv goes through the distro's /bin/sh, whose NixOS
 * wrapper loads /etc/set-environment first, then `exec "$@"` replaces it by the program. Extra variables go
 * through /usr/bin/env (the one program NixOS keeps in /usr/bin). Used by the WSL backend
 * (`wsl -d X --exec ...`) and the Docker backend (`/init --nwh-launch --exec ...`) alike.
 */
export function argvCommandForm(argv: readonly string[], env: Readonly<Record<string, string>> = {}): string[] {
  if (argv.length === 0) throw new TypeError("argvCommandForm: argv must name a program");
  const assignments = Object.entries(env).map(([key, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new TypeError(`argvCommandForm: environment variable name "${key}" is not valid`);
    return `${key}=${value}`;
  });
  // env would take a program starting with "-" or containing "=" as an option or an assignment.
  const program = argv[0] as string;
  if (assignments.length > 0 && (program.startsWith("-") || program.includes("="))) {
    throw new TypeError(`argvCommandForm: with variables, the program "${program}" must not start with "-" or contain "="`);
  }
  return ["/bin/sh", "-c", 'exec "$@"', "sh", ...(assignments.length > 0 ? ["/usr/bin/env", ...assignments] : []), ...argv];
}
