import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commitsEffect, playFault, type FaultScript, type HttpFault } from './http-faults.ts';

interface StoredOrder {
  id: string;
  location_id: string;
  reference_id: string;
  idempotency_key: string;
  created_at: string;
  state: string;
  metadata: Record<string, string>;
  line_items: unknown[];
  fulfillments: unknown[];
}

export interface FakeSquareOptions {
  accessToken?: string;
  faults?: FaultScript;
  /** Seconds in the Retry-After of a 429. @default 1 */
  retryAfterSeconds?: number;
}

/**
 * A local Square Orders API on port 0: POST /v2/orders (idempotent per `idempotency_key`, as
 * Square is) and POST /v2/orders/search, with scripted faults. It counts every order it
 * creates per reference, so a test sees a double effect, and every write it receives.
 */
export class FakeSquareServer {
  readonly orders = new Map<string, StoredOrder>();
  /** Writes received per idempotency key, faults included. */
  readonly writesByKey = new Map<string, number>();
  /** Orders created per `reference_id`: more than one is a double effect. */
  readonly ordersByReference = new Map<string, number>();
  readonly faultsPlayed = new Map<HttpFault, number>();
  /** Each write per key: when its request arrived, when its body was read, the fault played. */
  readonly writeLog = new Map<
    string,
    { receivedAt: string; handledAt: string; fault: HttpFault }[]
  >();
  private readonly server: Server;
  private readonly accessToken: string;
  private seq = 0;

  constructor(private readonly options: FakeSquareOptions = {}) {
    this.accessToken = options.accessToken ?? 'fake-square-token';
    this.server = createServer((request, response) => {
      void this.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = new Date().toISOString();
    const body = await readBody(request);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      json(401, { errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED' }] });
      return;
    }
    if (request.method === 'POST' && request.url === '/v2/orders') {
      const parsed = JSON.parse(body) as {
        idempotency_key: string;
        order: Omit<StoredOrder, 'id' | 'created_at' | 'state' | 'idempotency_key'>;
      };
      const key = parsed.idempotency_key;
      const n = this.writesByKey.get(key) ?? 0;
      this.writesByKey.set(key, n + 1);
      const fault = this.options.faults?.({ n, idempotencyKey: key }) ?? 'none';
      this.faultsPlayed.set(fault, (this.faultsPlayed.get(fault) ?? 0) + 1);
      this.writeLog.set(key, [
        ...(this.writeLog.get(key) ?? []),
        { receivedAt, handledAt: new Date().toISOString(), fault },
      ]);
      const order = commitsEffect(fault) ? this.commit(key, parsed.order) : undefined;
      if (playFault(fault, request, response, this.options.retryAfterSeconds ?? 1)) return;
      json(200, { order });
      return;
    }
    if (request.method === 'POST' && request.url === '/v2/orders/search') {
      const query = JSON.parse(body) as {
        location_ids?: string[];
        query?: { filter?: { date_time_filter?: { created_at?: { start_at?: string } } } };
      };
      const since = query.query?.filter?.date_time_filter?.created_at?.start_at ?? '';
      const orders = [...this.orders.values()].filter(
        (order) =>
          (query.location_ids ?? []).includes(order.location_id) && order.created_at >= since,
      );
      json(200, { orders });
      return;
    }
    json(404, { errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND' }] });
  }

  /** Applies the order once per key, like Square: a repeat returns the first order. */
  private commit(
    key: string,
    order: Omit<StoredOrder, 'id' | 'created_at' | 'state' | 'idempotency_key'>,
  ): StoredOrder {
    const existing = this.orders.get(key);
    if (existing) return existing;
    const stored: StoredOrder = {
      ...order,
      id: `SQ${(++this.seq).toString().padStart(8, '0')}`,
      idempotency_key: key,
      created_at: new Date().toISOString(),
      state: 'OPEN',
    };
    this.orders.set(key, stored);
    this.ordersByReference.set(
      order.reference_id,
      (this.ordersByReference.get(order.reference_id) ?? 0) + 1,
    );
    return stored;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
