import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testSecretBox } from '../../platform/crypto/testing/test-secret-box.ts';
import { appendEvent } from '../../platform/db/outbox.ts';
import { openWebhookSecret } from '../../platform/webhooks/sealed-webhook-secret.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { newId } from '../../platform/ids.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.ts';
import { assertDeclaredResponse } from '../testing/openapi-conformance.ts';
import { controlRoutes } from './control-routes.ts';

let test: TestDatabase;
let api: ApiFixture;
let locationId: string;
const document = buildOpenApiDocument(controlRoutes, 'test') as unknown as Parameters<
  typeof assertDeclaredResponse
>[0];

interface Endpoint {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  previousSecretExpiresAt: string | null;
  revision: number;
}

async function call(options: {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  token?: string;
  payload?: object;
  headers?: Record<string, string>;
}) {
  const response = await api.call({ token: api.a.tokens.tenant_admin, ...options });
  assertDeclaredResponse(document, controlRoutes, options.method, options.url, response);
  return response;
}

const base = () => `/v1/tenants/${api.a.tenantId}/webhook-endpoints`;

async function createEndpoint(eventTypes = ['OverflowToggled']) {
  const created = await call({
    method: 'POST',
    url: base(),
    payload: { url: 'https://hooks.example.com/voxeron', eventTypes },
  });
  assert.equal(created.statusCode, 201, created.body);
  return created.json() as { secret: string; record: Endpoint };
}

/** Appends OverflowToggled events through the outbox (with their fan-out); their positions. */
async function appendOverflow(count: number): Promise<number[]> {
  return test.db.withTenant(api.a.tenantId, async (tx) => {
    const positions: number[] = [];
    for (let i = 0; i < count; i++) {
      const appended = await appendEvent(tx, {
        type: 'OverflowToggled',
        sessionId: null,
        correlationId: newId(),
        payload: {
          location_id: locationId,
          enabled: true,
          source: 'api',
          actor_id: 't',
          reason: null,
        },
      });
      positions.push(appended.seq);
    }
    return positions;
  });
}

async function deliveries(endpointId: string) {
  return test.db.withTenant(
    api.a.tenantId,
    async (tx) =>
      (
        await tx.query<{ idempotency_key: string; event_id: string }>(
          `select idempotency_key, payload->>'event_id' as event_id from actions
         where type = 'webhook' and payload->>'endpoint_id' = $1 order by created_at, id`,
          [endpointId],
        )
      ).rows,
  );
}

async function auditActions(endpointId: string): Promise<string[]> {
  return test.db.withTenant(api.a.tenantId, async (tx) =>
    (
      await tx.query<{ action: string }>(
        'select action from audit_log where resource_id = $1 order by seq',
        [endpointId],
      )
    ).rows.map((row) => row.action),
  );
}

before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
  locationId = newId();
  await test.db.withTenant(api.a.tenantId, (tx) =>
    tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      api.a.tenantId,
      locationId,
    ]),
  );
});
after(async () => {
  await api.app.close();
  await test.close();
});

describe('webhook endpoints API', () => {
  it('creates an endpoint whose secret is shown once, and fans subscribed events out to it', async () => {
    const { secret, record } = await createEndpoint();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(record.enabled, true);
    const listed = await call({ method: 'GET', url: base() });
    assert.ok(!listed.body.includes(secret), 'the list never shows the secret');
    const read = await call({ method: 'GET', url: `${base()}/${record.id}` });
    assert.equal(read.headers.etag, '"webhook-endpoint.1"');

    const [position] = await appendOverflow(1);
    const sent = await deliveries(record.id);
    assert.equal(sent.length, 1, `the event at ${position} was enqueued with the event`);
    assert.deepEqual(await auditActions(record.id), ['webhook_endpoint.create']);
  });

  it('refuses plain-HTTP or IP URLs and unknown event types, with field paths', async () => {
    const refused = await call({
      method: 'POST',
      url: base(),
      payload: { url: 'http://127.0.0.1/hook', eventTypes: ['OrderCreated', 'NoSuchEvent'] },
    });
    assert.equal(refused.statusCode, 422);
    const paths = (refused.json() as { errors: { path: string }[] }).errors.map((e) => e.path);
    assert.ok(
      paths.some((path) => path.includes('url')),
      paths.join(),
    );
    assert.ok(
      paths.some((path) => path.includes('eventTypes')),
      paths.join(),
    );
  });

  it('refuses hosts that are private, loopback or link-local addresses, saying why', async () => {
    for (const url of [
      'https://10.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:127.0.0.1]/hook',
      'https://localhost/hook',
    ]) {
      const refused = await call({
        method: 'POST',
        url: base(),
        payload: { url, eventTypes: ['OverflowToggled'] },
      });
      assert.equal(refused.statusCode, 422, url);
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      const { errors } = refused.json() as { errors: { path: string; message: string }[] };
      assert.ok(
        errors.some((e) => e.path.includes('url') && /public addresses only/.test(e.message)),
        JSON.stringify(errors),
      );
    }
    const { record } = await createEndpoint();
    const patched = await call({
      method: 'PATCH',
      url: `${base()}/${record.id}`,
      payload: { url: 'https://192.168.1.10/hook' },
      headers: { 'if-match': `"webhook-endpoint.${record.revision}"` },
    });
    assert.equal(patched.statusCode, 422);
  });

  it('updates with If-Match, disables and re-enables, rotates with an overlap, deletes — audited', async () => {
    const { secret, record } = await createEndpoint();
    const url = `${base()}/${record.id}`;
    assert.equal(
      (await call({ method: 'PATCH', url, payload: { enabled: false } })).statusCode,
      428,
    );
    const disabled = await call({
      method: 'PATCH',
      url,
      payload: { enabled: false },
      headers: { 'if-match': '"webhook-endpoint.1"' },
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.deepEqual(
      [(disabled.json() as Endpoint).enabled, (disabled.json() as Endpoint).disabledReason],
      [false, 'operator'],
    );
    await appendOverflow(1);
    assert.equal((await deliveries(record.id)).length, 0, 'a disabled endpoint gets nothing');
    const resend = await call({
      method: 'POST',
      url: `${url}/resend`,
      payload: { fromPosition: 0 },
    });
    assert.equal(resend.statusCode, 409);
    const enabled = await call({
      method: 'PATCH',
      url,
      payload: { enabled: true },
      headers: { 'if-match': '"webhook-endpoint.2"' },
    });
    assert.equal((enabled.json() as Endpoint).disabledReason, null);

    const rotated = await call({
      method: 'POST',
      url: `${url}/rotate-secret`,
      payload: { overlapMinutes: 30 },
    });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const next = rotated.json() as { secret: string; record: Endpoint };
    assert.notEqual(next.secret, secret);
    assert.ok(next.record.previousSecretExpiresAt);
    const stored = await test.db.withTenant(api.a.tenantId, (tx) =>
      tx.query<{ secret: string; previous_secret: string }>(
        'select secret, previous_secret from webhook_endpoints where id = $1',
        [record.id],
      ),
    );
    // Stored sealed, bound to this endpoint's row (ADR 0023); the previous one moved over as is.
    const row = stored.rows[0]!;
    assert.ok(!row.secret.includes(next.secret.slice(6)), 'no plaintext secret in the database');
    assert.ok(!row.previous_secret.includes(secret.slice(6)));
    assert.deepEqual(
      [row.secret, row.previous_secret].map((sealed) =>
        openWebhookSecret(testSecretBox, api.a.tenantId, record.id, sealed),
      ),
      [next.secret, secret],
    );

    assert.equal((await call({ method: 'DELETE', url })).statusCode, 204);
    assert.equal((await call({ method: 'GET', url })).statusCode, 404);
    assert.deepEqual(await auditActions(record.id), [
      'webhook_endpoint.create',
      'webhook_endpoint.update',
      'webhook_endpoint.update',
      'webhook_endpoint.rotate_secret',
      'webhook_endpoint.delete',
    ]);
  });

  it('resends a range of events with new webhook-ids, paged, audited, for operators too', async () => {
    const positions = await appendOverflow(5);
    const { record } = await createEndpoint();
    assert.equal((await deliveries(record.id)).length, 0, 'created after those events');
    const url = `${base()}/${record.id}/resend`;
    const first = await call({
      method: 'POST',
      url,
      token: api.a.tokens.operator,
      payload: { fromPosition: positions[0]! - 1, toPosition: positions[4], limit: 3 },
    });
    assert.equal(first.statusCode, 202, first.body);
    assert.deepEqual(first.json(), {
      enqueued: 3,
      lastPosition: positions[2],
      nextFromPosition: positions[2],
    });
    const rest = await call({
      method: 'POST',
      url,
      payload: { fromPosition: positions[2], toPosition: positions[4] },
    });
    assert.deepEqual(rest.json(), {
      enqueued: 2,
      lastPosition: positions[4],
      nextFromPosition: null,
    });
    const again = await call({ method: 'POST', url, payload: { fromPosition: positions[3] } });
    assert.equal((again.json() as { enqueued: number }).enqueued, 1);

    const sent = await deliveries(record.id);
    assert.equal(sent.length, 6);
    assert.equal(
      new Set(sent.map((d) => d.idempotency_key)).size,
      6,
      'each resend a new webhook-id',
    );
    assert.equal(new Set(sent.map((d) => d.event_id)).size, 5);
    assert.deepEqual(await auditActions(record.id), [
      'webhook_endpoint.create',
      'webhook_endpoint.resend',
      'webhook_endpoint.resend',
      'webhook_endpoint.resend',
    ]);
  });
});
