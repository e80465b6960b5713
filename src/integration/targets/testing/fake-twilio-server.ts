import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TwilioMessage } from '../twilio/twilio-messages-target.ts';
import { commitsEffect, playFault, type FaultScript } from './http-faults.ts';

/**
 * A local Twilio Messages API on port 0: form-encoded POST …/Messages.json creates a message
 * every time (Twilio does not deduplicate), GET lists them filtered by `To`. Scripted faults
 * apply to sends; `sentByBody` shows a double send.
 */
export class FakeTwilioServer {
  readonly messages: TwilioMessage[] = [];
  readonly sentByBody = new Map<string, number>();
  private readonly server: Server;
  private seq = 0;

  constructor(
    private readonly options: {
      accountSid?: string;
      authToken?: string;
      faults?: FaultScript;
    } = {},
  ) {
    this.server = createServer((request, response) => {
      void this.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  }

  get accountSid(): string {
    return this.options.accountSid ?? 'ACfake00000000000000000000000000';
  }
  get authToken(): string {
    return this.options.authToken ?? 'fake-twilio-token';
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
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      json(401, { code: 20003, message: 'Authenticate', status: 401 });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      json(404, { code: 20404, message: 'not found', status: 404 });
      return;
    }
    if (request.method === 'GET') {
      const to = url.searchParams.get('To');
      json(200, { messages: this.messages.filter((m) => to === null || m.to === to) });
      return;
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to) || body === '') {
      json(400, {
        code: 21211,
        message: "The 'To' number is not a valid phone number.",
        status: 400,
      });
      return;
    }
    const n = this.sentByBody.get(body) ?? 0;
    const fault = this.options.faults?.({ n, idempotencyKey: body }) ?? 'none';
    let message: TwilioMessage | undefined;
    if (commitsEffect(fault)) {
      message = {
        sid: `SM${(++this.seq).toString(16).padStart(32, '0')}`,
        to,
        body,
        status: 'queued',
        date_created: new Date().toUTCString(),
      };
      this.messages.push(message);
      this.sentByBody.set(body, n + 1);
    }
    if (playFault(fault, request, response, 1)) return;
    json(201, message);
  }
}
