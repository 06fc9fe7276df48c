/**
 * A loopback TCP proxy in front of the real server that can cut or stall every open connection, so
 * tests reproduce dropped and stalled streams with real sockets.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export interface FaultProxy {
  url: string;
  /** Destroys every open connection (both sides), as a dropped network would. */
  cut(): void;
  /** Stops forwarding bytes on open and new connections until `resume()`. */
  stall(): void;
  /** Freezes the connections open now (no bytes, no close); new connections flow normally. */
  stallExisting(): void;
  resume(): void;
  /** Refuses new connections until `accept()`. */
  refuse(): void;
  accept(): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const open = new Set<[Socket, Socket]>();
  let stalled = false;
  let refusing = false;
  let total = 0;
  const server: Server = createServer((client) => {
    if (refusing) return client.destroy();
    total++;
    const upstream = connect(Number(target.port), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    open.add(pair);
    const forget = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", forget).on("close", forget);
    upstream.on("error", forget).on("close", forget);
    client.pipe(upstream);
    upstream.pipe(client);
    if (stalled) {
      client.pause();
      upstream.pause();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      for (const [a, b] of open) {
        a.destroy();
        b.destroy();
      }
      open.clear();
    },
    stall: () => {
      stalled = true;
      for (const [a, b] of open) {
        a.unpipe();
        b.unpipe();
        a.pause();
        b.pause();
      }
    },
    stallExisting: () => {
      for (const [a, b] of open) {
        a.unpipe();
        b.unpipe();
        a.pause();
        b.pause();
      }
      // Forgotten, so a later cut() leaves them hanging as a stalled network would.
      open.clear();
    },
    resume: () => {
      stalled = false;
      for (const [a, b] of open) {
        a.pipe(b);
        b.pipe(a);
        a.resume();
        b.resume();
      }
    },
    refuse: () => {
      refusing = true;
    },
    accept: () => {
      refusing = false;
    },
    connections: () => total,
    close: () =>
      new Promise((resolve) => {
        for (const [a, b] of open) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
