import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  port: number;
  /** Every request received, in order, with its whole body. */
  requests: { method: string | undefined; url: string | undefined; body: string }[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1, port 0, that records each request before `listener` answers. */
export async function startCountingServer(listener: RequestListener): Promise<CountingServer> {
  const requests: CountingServer['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method,
        url: request.url,
        body: Buffer.concat(chunks).toString(),
      });
      listener(request, response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
}
