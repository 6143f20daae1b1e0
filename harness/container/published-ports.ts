/**
 * The distro ports published on 127.0.0.1 (random host ports) when a container is created: Docker cannot add
 * a published port to an existing container, and a scenario names its port only later. `distroEndpoint` for
 * any other port answers the container's address on the run's own network instead.
 */
export const PUBLISHED_PORTS = [22, 80, 443, 3000, 8000, 8080, 9000] as const;

export const LOOPBACK = "127.0.0.1";

type InspectPorts = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null | undefined;

/** Container TCP port → host port on 127.0.0.1, from `docker inspect`'s NetworkSettings.Ports. */
export function loopbackPortMap(ports: InspectPorts): Map<number, number> {
  const map = new Map<number, number>();
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const match = /^(\d+)\/tcp$/.exec(key);
    if (!match || !bindings) continue;
    const binding = bindings.find((b) => b.HostIp === LOOPBACK && b.HostPort);
    if (binding) map.set(Number(match[1]), Number(binding.HostPort));
  }
  return map;
}
