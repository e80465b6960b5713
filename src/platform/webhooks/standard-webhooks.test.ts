import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from './standard-webhooks.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

void describe('Standard Webhooks signing', () => {
  void it('produces headers the official verifier accepts', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'OrderCreated', data: { n: 1 } });
    const headers = signWebhook({
      id: 'msg_1',
      timestampSeconds: nowSeconds(),
      body,
      secrets: [secret],
    });
    assert.deepEqual(new Webhook(secret).verify(body, { ...headers }), JSON.parse(body));
  });

  void it('signs with both secrets during a rotation, each verifying alone', () => {
    const [next, previous] = [newWebhookSecret(), newWebhookSecret()];
    const body = '{"a":1}';
    const headers = signWebhook({
      id: 'msg_2',
      timestampSeconds: nowSeconds(),
      body,
      secrets: [next, previous],
    });
    assert.equal(headers['webhook-signature'].split(' ').length, 2);
    assert.doesNotThrow(() => new Webhook(next).verify(body, { ...headers }));
    assert.doesNotThrow(() => new Webhook(previous).verify(body, { ...headers }));
    assert.throws(() => new Webhook(newWebhookSecret()).verify(body, { ...headers }));
  });

  void it('is rejected for a tampered body and for a stale timestamp', () => {
    const secret = newWebhookSecret();
    const body = '{"total":10}';
    const fresh = signWebhook({
      id: 'msg_3',
      timestampSeconds: nowSeconds(),
      body,
      secrets: [secret],
    });
    assert.throws(() => new Webhook(secret).verify('{"total":11}', { ...fresh }));
    const stale = signWebhook({
      id: 'msg_3',
      timestampSeconds: nowSeconds() - 3600,
      body,
      secrets: [secret],
    });
    assert.throws(() => new Webhook(secret).verify(body, { ...stale }), /too old/);
  });

  void it('refuses secrets without the whsec_ prefix or too short', () => {
    const sign = (secret: string) =>
      signWebhook({ id: 'x', timestampSeconds: 1, body: '', secrets: [secret] });
    assert.throws(() => sign('abc'), /whsec_/);
    assert.throws(() => sign('whsec_YWJj'), /24 bytes/);
    assert.match(newWebhookSecret(), /^whsec_[A-Za-z0-9+/]{43}=$/);
  });
});
