import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Retry } from '../../../platform/errors.ts';
import { isTargetRejected } from '../target-errors.ts';
import { guardedTransport } from './guarded-transport.ts';
import { httpCall, type HttpCallOptions } from './http-call.ts';
import { startCountingServer, type CountingServer } from './testing/counting-server.ts';

let trap: CountingServer;
let redirector: CountingServer;
const trapUrl = () => `http://127.0.0.1:${trap.port}/internal/admin`;

before(async () => {
  trap = await startCountingServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
  redirector = await startCountingServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    response.writeHead(
      Number(query.get('status')),
      query.has('bare') ? {} : { location: trapUrl() },
    );
    response.end();
  });
});
after(async () => {
  await redirector.close();
  await trap.close();
});

function call(status: number, options: Partial<HttpCallOptions>, query = '') {
  return httpCall({
    method: 'POST',
    url: `http://127.0.0.1:${redirector.port}/hook?status=${status}${query}`,
    body: '{"order":1}',
    headers: { 'content-type': 'application/json', authorization: 'Bearer secret' },
    signal: AbortSignal.timeout(5000),
    target: 'webhook',
    effectful: true,
    redirect: 'refuse',
    ...options,
  });
}

const redirectRefusal = (status: number) => (error: unknown) =>
  isTargetRejected(error) &&
  error.code === 'http_redirect' &&
  error.retry === Retry.never &&
  error.message.includes(`answered ${status} redirecting to ${trapUrl()}`);

describe('httpCall redirect policy', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`refuses a ${status} without calling its Location (node:http and fetch)`, async () => {
      await assert.rejects(
        call(status, { transport: guardedTransport({ allowPrivateAddresses: true }) }),
        redirectRefusal(status),
      );
      await assert.rejects(call(status, {}), redirectRefusal(status));
      assert.equal(trap.requests.length, 0, 'the redirect target got nothing');
    });
  }

  it('says when a 3xx has no Location', async () => {
    await assert.rejects(
      call(300, {}, '&bare'),
      (error: unknown) =>
        isTargetRejected(error) && /answered 300 .*\(no Location\)/.test(error.message),
    );
  });

  it('follows when the caller says so', async () => {
    const answer = await call(307, { redirect: 'follow' });
    assert.deepEqual(answer.body, { ok: true });
    assert.equal(trap.requests.length, 1);
    trap.requests.length = 0;
  });
});
