import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OutcomeUnknownError, Retry, UnavailableError } from '../../../platform/errors.ts';
import type { HostResolver } from '../../../platform/net/allowed-addresses.ts';
import { guardedTransport } from './guarded-transport.ts';
import { httpCall } from './http-call.ts';
import { startCountingServer, type CountingServer } from './testing/counting-server.ts';

let receiver: CountingServer;
let resolutions: string[];
/** `receiver.test` is 127.0.0.1 on the first lookup, and 127.0.0.2 (nothing there) after it. */
const rebindingResolver: HostResolver = (hostname) => {
  resolutions.push(hostname);
  const address = resolutions.length === 1 ? '127.0.0.1' : '127.0.0.2';
  return Promise.resolve(hostname === 'receiver.test' ? [{ address, family: 4 }] : []);
};

before(async () => {
  receiver = await startCountingServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
});
after(() => receiver.close());

function post(url: string, transport: ReturnType<typeof guardedTransport>, timeoutMs = 5000) {
  return httpCall({
    method: 'POST',
    url,
    body: '{"type":"OverflowToggled"}',
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
    target: 'webhook',
    effectful: true,
    expectJson: false,
    redirect: 'refuse',
    transport,
  });
}

const refused = (pattern: RegExp) => (error: unknown) =>
  (error as { code?: string }).code === 'address_not_allowed' &&
  (error as { retry?: string }).retry === Retry.never &&
  pattern.test((error as Error).message);

describe('guardedTransport', () => {
  it('refuses a name that resolves to 127.0.0.1 unless private addresses are allowed', async () => {
    resolutions = [];
    const url = `http://receiver.test:${receiver.port}/hook`;
    const before = receiver.requests.length;
    await assert.rejects(
      post(url, guardedTransport({ resolver: rebindingResolver })),
      refused(/^receiver\.test resolves to 127\.0\.0\.1 \(loopback\)/),
    );
    assert.equal(receiver.requests.length, before, 'nothing was sent');

    resolutions = [];
    const answer = await post(
      url,
      guardedTransport({ resolver: rebindingResolver, allowPrivateAddresses: true }),
    );
    assert.equal(answer.status, 200);
    assert.equal(receiver.requests.at(-1)?.body, '{"type":"OverflowToggled"}');
    // The connection used the checked address: a second lookup would have given 127.0.0.2.
    assert.deepEqual(resolutions, ['receiver.test']);
  });

  it('refuses localhost, ::1, ::ffff:127.0.0.1 and 169.254.169.254 before connecting', async () => {
    const transport = guardedTransport();
    const before = receiver.requests.length;
    for (const [host, pattern] of [
      ['localhost', /^localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/],
      ['127.0.0.1', /^127\.0\.0\.1 is not public \(loopback\)/],
      ['[::1]', /^::1 is not public \(loopback\)/],
      ['[::ffff:127.0.0.1]', /^::ffff:7f00:1 is not public \(loopback\)/],
      ['169.254.169.254', /^169\.254\.169\.254 is not public \(link-local\)/],
      ['10.0.0.5', /\(private\)/],
    ] as const) {
      await assert.rejects(
        post(`http://${host}:${receiver.port}/hook`, transport),
        refused(pattern),
        host,
      );
    }
    assert.equal(receiver.requests.length, before);
  });

  it('reports a refused connection as unavailable and a hang as an unknown outcome', async () => {
    const transport = guardedTransport({ allowPrivateAddresses: true });
    const closed = await startCountingServer(() => undefined);
    await closed.close();
    await assert.rejects(
      post(`http://127.0.0.1:${closed.port}/hook`, transport),
      (error: unknown) => error instanceof UnavailableError && /ECONNREFUSED/.test(error.message),
    );
    const silent = await startCountingServer(() => undefined);
    try {
      await assert.rejects(
        post(`http://127.0.0.1:${silent.port}/hook`, transport, 150),
        OutcomeUnknownError,
      );
    } finally {
      await silent.close();
    }
  });

  it('keeps at most maxBodyBytes of an answer', async () => {
    const large = await startCountingServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(1_000_000));
    });
    try {
      const answer = await post(
        `http://127.0.0.1:${large.port}/hook`,
        guardedTransport({ allowPrivateAddresses: true, maxBodyBytes: 1024 }),
      );
      assert.equal(answer.status, 200);
      assert.equal((answer.body as string).length, 1024);
    } finally {
      await large.close();
    }
  });
});
