import { createServer, type Server } from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999 by default), so that no outgoing connection (a
 * ZooKeeper client's, a browser test's) takes a port between its choice here and the server's
 * bind: ports the kernel chose with listen(0) did collide so in a full `npm test`.
 */
const LOW = 20_000;
const HIGH = 32_000;

/**
 * Ports free on 127.0.0.1 right now, at random below the ephemeral range: all are held open
 * together (so no two are the same) and released at once, for servers that bind them at once.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    while (ports.length < count) {
      const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
      const server = createServer();
      const bound = await new Promise<boolean>((resolve) => server.once('error', () => resolve(false)).listen(port, '127.0.0.1', () => resolve(true)));
      if (!bound) continue;
      servers.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
