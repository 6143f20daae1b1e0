/** What one `docker exec` needs. */
export interface DockerExecRequest {
  container: string;
  argv: readonly string[];
  /** Name or uid; omitted means the image's user (root). */
  user?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** Keep stdin open (`-i`) to pipe input to the command. */
  interactive?: boolean;
}

/** `docker exec` arguments (after "docker"), argv passed through untouched. */
export function dockerExecArgs(request: DockerExecRequest): string[] {
  if (request.argv.length === 0) throw new TypeError("exec: argv must name a program");
  const args = ["exec"];
  if (request.interactive) args.push("-i");
  if (request.user !== undefined) args.push("-u", request.user);
  if (request.cwd !== undefined) args.push("-w", request.cwd);
  for (const [key, value] of Object.entries(request.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new TypeError(`exec: environment variable name "${key}" is not valid`);
    args.push("-e", `${key}=${value}`);
  }
  args.push(request.container, ...request.argv);
  return args;
}
