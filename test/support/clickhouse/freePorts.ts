import { createServer, type Server } from 'node:net';

/**
 * Ports free on 127.0.0.1 right now, chosen by the kernel: all are held open together (so no two
 * are the same) and released at once. Another process could take one before it is used; the
 * window is a few milliseconds, against fixed ports that collide with any other run.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
      const address = server.address();
      if (typeof address !== 'object' || !address) throw new Error('no port');
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
