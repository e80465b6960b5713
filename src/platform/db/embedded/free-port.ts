import net from 'node:net';

/** Whether nothing listens on `host:port` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the kernel says is free now, never `avoid` (5432 belongs to a system PostgreSQL). */
export async function findFreePort(
  host = '127.0.0.1',
  avoid: readonly number[] = [5432],
): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port !== 0 && !avoid.includes(port)) return port;
  }
}
