import net from "node:net";
import type { Endpoint } from "../../harness/backend.ts";

/** Connects, reads until the peer closes, and returns what it sent; bounded by timeoutMs. */
export function readAll(endpoint: Endpoint, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${endpoint.host}:${endpoint.port} within ${timeoutMs} ms`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
  });
}

/** A tiny TCP server on the host that greets every client with `greeting` and closes. */
export async function startGreetingServer(listenHost: string, greeting: string): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.end(greeting);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, listenHost, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error(`the test server on ${listenHost} has no TCP port`);
  return {
    port: address.port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
