import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  startDispatcher,
  type RunningDispatcher,
} from '../../src/integration/dispatcher/run-dispatcher.ts';
import { claimBatch } from '../../src/integration/dispatcher/claim-batch.ts';
import { recordFailure } from '../../src/integration/dispatcher/record-outcome.ts';
import { staticTargets } from '../../src/integration/targets/action-target.ts';
import type { HttpFault } from '../../src/integration/targets/testing/http-faults.ts';
import {
  startCountingServer,
  type CountingServer,
} from '../../src/integration/targets/http/testing/counting-server.ts';
import { WebhookReceiver } from '../../src/integration/targets/testing/webhook-receiver.ts';
import { WebhookTarget } from '../../src/integration/targets/webhook/webhook-target.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import { newWebhookSecret } from '../../src/platform/webhooks/standard-webhooks.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, seedTenant, type SeededTenant } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';
import { appendOverflowToggled, createEndpoint, createEndpointAt } from './support/webhooks.ts';
import { testSecretBox } from '../../src/platform/crypto/testing/test-secret-box.ts';
import { SecretBox } from '../../src/platform/crypto/secret-box.ts';
import { openWebhookSecret } from '../../src/platform/webhooks/sealed-webhook-secret.ts';

let test: TestDatabase;
let tenant: SeededTenant;
let dispatcher: RunningDispatcher;
/** Answers every request with a redirect to `trap`, which must never be called. */
let redirector: CountingServer;
let trap: CountingServer;
/** Faults per endpoint for its successive requests; none once the list runs out. */
const faultsByEndpoint = new Map<string, HttpFault[]>();
const receiver = new WebhookReceiver(
  ({ n, endpointId }) => faultsByEndpoint.get(endpointId)?.[n] ?? 'none',
);

interface WebhookActionRow {
  id: string;
  status: string;
  attempt: number;
  idempotency_key: string;
  result: { status_code: number } | null;
  last_error: { code: string } | null;
}

async function deliveriesFor(endpointId: string): Promise<WebhookActionRow[]> {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const rows = await tx.query<WebhookActionRow>(
      `select id::text, status, attempt, idempotency_key, result, last_error from actions
       where type = 'webhook' and payload->>'endpoint_id' = $1 order by created_at`,
      [endpointId],
    );
    return rows.rows;
  });
}

async function settled(endpointId: string, count = 1): Promise<WebhookActionRow[]> {
  return waitFor(`${count} settled deliveries to ${endpointId}`, async () => {
    const rows = await deliveriesFor(endpointId);
    return (
      rows.length === count &&
      rows.every((row) => ['SUCCEEDED', 'DEAD_LETTER'].includes(row.status)) &&
      rows
    );
  });
}

before(async () => {
  test = await createTestDatabase();
  tenant = await seedTenant(test.db, 'Webhook Diner');
  await receiver.start();
  trap = await startCountingServer((_request, response) => response.writeHead(200).end());
  redirector = await startCountingServer((_request, response) =>
    response.writeHead(308, { location: `http://127.0.0.1:${trap.port}/moved` }).end(),
  );
  dispatcher = startDispatcher({
    db: test.db,
    logger: silentLogger,
    pollIntervalMs: 50,
    queues: ['webhook'],
    targets: staticTargets({
      // The receiver is on 127.0.0.1: private addresses must be allowed explicitly.
      webhook: new WebhookTarget({
        db: test.db,
        secrets: testSecretBox,
        plainHttpHosts: ['127.0.0.1'],
        allowPrivateAddresses: true,
      }),
    }),
    // The Standard Webhooks schedule, shortened: each retry after ~20 ms.
    retrySchedules: { webhook: { fixedDelaysMs: [20], attemptTimeoutMs: 2000 } },
  });
});
after(async () => {
  await dispatcher.stop();
  await receiver.stop();
  await redirector.close();
  await trap.close();
  await test.close();
});

describe('outbound webhooks (Standard Webhooks)', () => {
  it('delivers a subscribed event, signed so that the official verifier accepts it', async () => {
    const subscribed = await createEndpoint(test.db, tenant, receiver, ['OverflowToggled']);
    const other = await createEndpoint(test.db, tenant, receiver, ['MenuUpdated']);
    const event = await appendOverflowToggled(test.db, tenant);

    const [delivery] = await settled(subscribed.id);
    assert.equal(delivery!.status, 'SUCCEEDED');
    assert.deepEqual(delivery!.result, { status_code: 200 });
    assert.deepEqual(await deliveriesFor(other.id), [], 'an unsubscribed endpoint gets nothing');

    const received = receiver.deliveries.filter((d) => d.endpointId === subscribed.id);
    assert.equal(received.length, 1);
    const [got] = received;
    assert.equal(got!.verified, true);
    assert.equal(got!.webhookId, delivery!.idempotency_key, 'webhook-id is the idempotency key');
    assert.ok(
      Math.abs(got!.timestampSeconds - got!.receivedAtMs / 1000) <= 300,
      'webhook-timestamp within the verifier tolerance',
    );
    const body = JSON.parse(got!.body) as { type: string; timestamp: string; data: { id: string } };
    assert.equal(body.type, 'OverflowToggled');
    assert.equal(body.data.id, event.id);
    const headers = {
      'webhook-id': got!.webhookId,
      'webhook-timestamp': String(got!.timestampSeconds),
      'webhook-signature': got!.signature,
    };
    const verifier = new Webhook(subscribed.secret);
    assert.doesNotThrow(() => verifier.verify(got!.body, headers));
    const tampered = got!.body.replace('"OverflowToggled"', '"MenuUpdated"');
    assert.notEqual(tampered, got!.body);
    assert.throws(() => verifier.verify(tampered, headers), /No matching signature/);
  });

  it('retries 5xx and 503 (honouring Retry-After) with the same webhook-id until it succeeds', async () => {
    const endpoint = await createEndpoint(test.db, tenant, receiver, ['OverflowToggled']);
    faultsByEndpoint.set(endpoint.id, ['error_after_commit', 'unavailable']);
    await appendOverflowToggled(test.db, tenant, false);

    const [delivery] = await settled(endpoint.id);
    assert.equal(delivery!.status, 'SUCCEEDED');
    assert.equal(delivery!.attempt, 3);
    const received = receiver.deliveries.filter((d) => d.endpointId === endpoint.id);
    assert.deepEqual(
      received.map((d) => d.fault),
      ['error_after_commit', 'unavailable', 'none'],
    );
    assert.ok(received.every((d) => d.verified && d.webhookId === delivery!.idempotency_key));
    // The receiver's Retry-After (1 s on the 503) is a floor under the 20 ms schedule.
    assert.ok(received[2]!.receivedAtMs - received[1]!.receivedAtMs >= 950);
  });

  it('disables the endpoint on 410 Gone: dead letter, audited, no further deliveries', async () => {
    const endpoint = await createEndpoint(test.db, tenant, receiver, ['OverflowToggled']);
    faultsByEndpoint.set(endpoint.id, ['gone']);
    await appendOverflowToggled(test.db, tenant);

    const [delivery] = await settled(endpoint.id);
    assert.equal(delivery!.status, 'DEAD_LETTER');
    assert.equal(delivery!.last_error?.code, 'webhook_gone');
    const state = await test.db.withTenant(tenant.tenantId, async (tx) => {
      const row = await tx.query<{ enabled: boolean; disabled_reason: string | null }>(
        'select enabled, disabled_reason from webhook_endpoints where id = $1',
        [endpoint.id],
      );
      const audit = await tx.query<{ actor: string; action: string }>(
        `select actor, action from audit_log where resource_id = $1`,
        [endpoint.id],
      );
      const events = await tx.query<{ reason: string }>(
        `select payload->>'reason' as reason from events
         where type = 'ActionStateChanged' and payload->>'action_id' = $1 and payload->>'to' = 'DEAD_LETTER'`,
        [delivery!.id],
      );
      return { row: row.rows[0]!, audit: audit.rows, events: events.rows };
    });
    assert.deepEqual(state.row, { enabled: false, disabled_reason: 'gone' });
    assert.deepEqual(state.audit, [
      { actor: 'system:webhook-dispatcher', action: 'webhook_endpoint.disable' },
    ]);
    assert.equal(state.events.length, 1);
    assert.match(state.events[0]!.reason, /^webhook_gone: .*410 Gone/);

    await appendOverflowToggled(test.db, tenant);
    assert.equal((await deliveriesFor(endpoint.id)).length, 1, 'a disabled endpoint gets no more');
  });

  it('delivers dead letters of other actions, but never the failures of webhook deliveries', async () => {
    const watcher = await createEndpoint(test.db, tenant, receiver, ['ActionStateChanged']);
    const order = await enqueue(test.db, tenant, 'create_pos_order', 'WH-1');
    const [claimed] = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'test',
      limit: 1,
      leaseMs: 60_000,
      skipTenants: [],
    });
    assert.equal(claimed?.id, order.id);
    await recordFailure(test.db, claimed!, undefined, {
      error: { code: 'http_422', message: 'refused', retryable: false },
      retryInMs: undefined,
      timeout: false,
      rejected: true,
    });
    const [delivery] = await settled(watcher.id);
    assert.equal(delivery!.status, 'SUCCEEDED');
    const [got] = receiver.deliveries.filter((d) => d.endpointId === watcher.id);
    const body = JSON.parse(got!.body) as { data: { payload: { action_id: string; to: string } } };
    assert.deepEqual(
      [body.data.payload.action_id, body.data.payload.to],
      [order.id, 'DEAD_LETTER'],
      'only the dead-letter move of the order, not its dispatch or fail',
    );

    // A webhook delivery that dead-letters (410) must not become a delivery itself.
    const gone = await createEndpoint(test.db, tenant, receiver, ['OverflowToggled']);
    faultsByEndpoint.set(gone.id, ['gone']);
    await appendOverflowToggled(test.db, tenant);
    const [dead] = await settled(gone.id);
    assert.equal(dead!.status, 'DEAD_LETTER');
    assert.equal((await deliveriesFor(watcher.id)).length, 1, 'no webhook about a webhook');
  });

  it('signs with the previous secret too while a rotation overlaps', async () => {
    const endpoint = await createEndpoint(test.db, tenant, receiver, ['OverflowToggled']);
    const next = newWebhookSecret();
    await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query(
        `update webhook_endpoints set previous_secret = secret, secret = $2,
           previous_secret_expires_at = now() + interval '1 hour' where id = $1`,
        [endpoint.id, next],
      ),
    );
    // This receiver has not picked up the new secret yet: the old one must still verify.
    receiver.register(endpoint.id, endpoint.secret);
    await appendOverflowToggled(test.db, tenant);
    const [delivery] = await settled(endpoint.id);
    assert.equal(delivery!.status, 'SUCCEEDED');
    const [got] = receiver.deliveries.filter((d) => d.endpointId === endpoint.id);
    assert.equal(got!.signature.split(' ').length, 2);
    assert.doesNotThrow(() =>
      new Webhook(next).verify(got!.body, {
        'webhook-id': got!.webhookId,
        'webhook-timestamp': String(got!.timestampSeconds),
        'webhook-signature': got!.signature,
      }),
    );
  });

  it('delivers for an endpoint whose secret was stored before sealing, and seals it on the way', async () => {
    const endpoint = await createEndpoint(test.db, tenant, receiver, ['OverflowToggled']);
    const stored = () =>
      test.db.withTenant(tenant.tenantId, async (tx) => {
        const row = await tx.query<{ secret: string }>(
          'select secret from webhook_endpoints where id = $1',
          [endpoint.id],
        );
        return row.rows[0]!.secret;
      });
    await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query('update webhook_endpoints set secret = $2 where id = $1', [
        endpoint.id,
        endpoint.secret,
      ]),
    );
    assert.equal(await stored(), endpoint.secret, 'a plain secret, as before migration 0010');
    await appendOverflowToggled(test.db, tenant);
    const [delivery] = await settled(endpoint.id);
    assert.equal(delivery!.status, 'SUCCEEDED');
    const [got] = receiver.deliveries.filter((d) => d.endpointId === endpoint.id);
    assert.equal(got!.verified, true, 'signed with the same secret');
    const sealed = await stored();
    assert.ok(SecretBox.isSealed(sealed), 'sealed at its first delivery');
    assert.equal(
      openWebhookSecret(testSecretBox, tenant.tenantId, endpoint.id, sealed),
      endpoint.secret,
    );
  });

  it('does not follow a redirect: dead letter naming the Location, nothing sent there', async () => {
    const endpoint = await createEndpointAt(
      test.db,
      tenant,
      (id) => `https://127.0.0.1:${redirector.port}/hooks/${id}`,
      ['OverflowToggled'],
    );
    await appendOverflowToggled(test.db, tenant);

    const [delivery] = await settled(endpoint.id);
    assert.equal(delivery!.status, 'DEAD_LETTER');
    assert.equal(delivery!.attempt, 1, 'a moved receiver is not retried');
    assert.equal(delivery!.last_error?.code, 'http_redirect');
    const reason = await test.db.withTenant(tenant.tenantId, async (tx) => {
      const events = await tx.query<{ reason: string }>(
        `select payload->>'reason' as reason from events
         where type = 'ActionStateChanged' and payload->>'action_id' = $1 and payload->>'to' = 'DEAD_LETTER'`,
        [delivery!.id],
      );
      return events.rows[0]?.reason;
    });
    assert.match(
      reason ?? '',
      new RegExp(
        `^http_redirect: webhook answered 308 redirecting to http://127\\.0\\.0\\.1:${trap.port}/moved`,
      ),
    );
    assert.equal(redirector.requests.length, 1);
    assert.equal(trap.requests.length, 0, 'the Location was not called');
  });
});
