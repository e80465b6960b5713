import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { commitsEffect, playFault, type HttpFault } from './http-faults.ts';

/** One request the receiver got, whatever it answered. */
export interface ReceivedDelivery {
  endpointId: string;
  webhookId: string;
  timestampSeconds: number;
  signature: string;
  body: string;
  /** Whether the official `standardwebhooks` verifier accepted it. */
  verified: boolean;
  fault: HttpFault;
  receivedAtMs: number;
}

/** Chooses the fault for the n-th request (from 0) to an endpoint. */
export type ReceiverScript = (request: {
  n: number;
  endpointId: string;
  webhookId: string;
}) => HttpFault;

/**
 * A webhook receiver on port 0, at `/hooks/<endpointId>`, that verifies every request with the
 * official `standardwebhooks` package against the endpoint's registered secret(s) and records
 * it. Verified deliveries are applied once per `webhook-id` (as the spec asks receivers to
 * do); scripted faults play before or after that commit; an unverifiable request gets 401.
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** webhook-id → times it was applied (1 when the receiver deduplicates correctly). */
  readonly applied = new Map<string, number>();
  private readonly secrets = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();
  private readonly server: Server;

  constructor(private readonly script: ReceiverScript = () => 'none') {
    this.server = createServer((request, response) => {
      void this.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  }

  /** Secrets the verifier accepts for an endpoint (any one of them must match). */
  register(endpointId: string, ...secrets: string[]): void {
    this.secrets.set(endpointId, secrets);
  }

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  /** The endpoint URL as tenants register it (https; sent over plain HTTP to 127.0.0.1). */
  urlFor(endpointId: string): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/${endpointId}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }

  private verify(endpointId: string, body: string, headers: Record<string, string>): boolean {
    return (this.secrets.get(endpointId) ?? []).some((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const endpointId = /^\/hooks\/([^/?]+)$/.exec(request.url ?? '')?.[1] ?? '';
    const header = (name: string) => String(request.headers[name] ?? '');
    const headers = {
      'webhook-id': header('webhook-id'),
      'webhook-timestamp': header('webhook-timestamp'),
      'webhook-signature': header('webhook-signature'),
    };
    const verified = this.verify(endpointId, body, headers);
    const n = this.counts.get(endpointId) ?? 0;
    this.counts.set(endpointId, n + 1);
    const fault = verified
      ? this.script({ n, endpointId, webhookId: headers['webhook-id'] })
      : 'none';
    this.deliveries.push({
      endpointId,
      webhookId: headers['webhook-id'],
      timestampSeconds: Number(headers['webhook-timestamp']),
      signature: headers['webhook-signature'],
      body,
      verified,
      fault,
      receivedAtMs: Date.now(),
    });
    if (!verified) {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end('signature verification failed');
      return;
    }
    if (commitsEffect(fault) && !this.applied.has(headers['webhook-id'])) {
      this.applied.set(headers['webhook-id'], 1);
    }
    if (playFault(fault, request, response, 2)) return;
    // Receivers answer whatever they like; a 2xx with a plain-text body is success.
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  }
}
