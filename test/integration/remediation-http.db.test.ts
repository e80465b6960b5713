import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { controlRoutes } from '../../src/control/api/control-routes.ts';
import { buildOpenApiDocument } from '../../src/control/http/openapi.ts';
import { createApiFixture, type ApiFixture } from '../../src/control/testing/api-fixture.ts';
import { assertDeclaredResponse } from '../../src/control/testing/openapi-conformance.ts';
import {
  startDispatcher,
  type RunningDispatcher,
} from '../../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../../src/integration/targets/action-target.ts';
import { ScriptedPosTarget } from '../../src/integration/targets/testing/scripted-pos-target.ts';
import { enqueueAction } from '../../src/platform/db/outbox.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import { newId } from '../../src/platform/ids.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, payloadFor, type SeededTenant } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';

let test: TestDatabase;
let api: ApiFixture;
let tenant: SeededTenant;
let dispatcher: RunningDispatcher;
const pos = new ScriptedPosTarget();
const document = buildOpenApiDocument(controlRoutes, 'test') as unknown as Parameters<
  typeof assertDeclaredResponse
>[0];

async function call(options: {
  method: 'GET' | 'POST';
  url: string;
  token?: string;
  payload?: object;
  headers?: Record<string, string>;
}) {
  const response = await api.call({ token: api.a.tokens.operator, ...options });
  assertDeclaredResponse(document, controlRoutes, options.method, options.url, response);
  return response;
}

const actionsUrl = () => `/v1/tenants/${tenant.tenantId}/actions`;

async function status(id: string): Promise<string> {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const row = await tx.query<{ status: string }>('select status from actions where id = $1', [
      id,
    ]);
    return row.rows[0]!.status;
  });
}

/** An order the POS refuses for good (410): the dispatcher dead-letters it on the first attempt. */
async function deadLettered(reference: string): Promise<string> {
  pos.queueFaults('gone');
  const action = await enqueue(test.db, tenant, 'create_pos_order', reference);
  await waitFor(
    `${reference} dead-lettered`,
    async () => (await status(action.id)) === 'DEAD_LETTER',
  );
  return action.id;
}

before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
  const locationId = newId();
  await test.db.withTenant(api.a.tenantId, (tx) =>
    tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      api.a.tenantId,
      locationId,
    ]),
  );
  tenant = { tenantId: api.a.tenantId, locationId };
  dispatcher = startDispatcher({
    db: test.db,
    logger: silentLogger,
    queues: ['pos'],
    targets: staticTargets({ create_pos_order: pos }),
    // Far longer than any wait below: only the NOTIFY of a retry can wake the dispatcher in time.
    pollIntervalMs: 120_000,
  });
});
after(async () => {
  await dispatcher.stop();
  await api.app.close();
  await test.close();
});

describe('operator remediation over HTTP', () => {
  it('lists a dead letter, retries it with its ETag, and a running dispatcher completes it', async () => {
    const id = await deadLettered('H-1');
    assert.equal(
      (
        await call({
          method: 'GET',
          url: `${actionsUrl()}?status=dead_letter`,
          token: api.a.tokens.viewer,
        })
      ).statusCode,
      403,
    );
    const listed = await call({ method: 'GET', url: `${actionsUrl()}?status=dead_letter` });
    assert.equal(listed.statusCode, 200);
    const item = (
      listed.json() as { items: { id: string; version: string; lastError: { code: string } }[] }
    ).items.find((action) => action.id === id);
    assert.equal(item?.lastError.code, 'http_410');

    const stale = await call({
      method: 'POST',
      url: `${actionsUrl()}/${id}/retry`,
      payload: {},
      headers: { 'if-match': '"action.1"' },
    });
    assert.equal(stale.statusCode, 412);
    const retried = await call({
      method: 'POST',
      url: `${actionsUrl()}/${id}/retry`,
      payload: { note: 'POS back online' },
      headers: { 'if-match': `"action.${item!.version}"` },
    });
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal((retried.json() as { status: string }).status, 'RETRYING');
    assert.ok(retried.headers.etag);

    await waitFor('the retried action to succeed', async () => (await status(id)) === 'SUCCEEDED');
    const audit = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query<{ actor: string; action: string; after: { note: string } }>(
        `select actor, action, after from audit_log where resource_id = $1`,
        [id],
      ),
    );
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]!.action, 'action.retry');
    assert.match(audit.rows[0]!.actor, /^operator:/);
    assert.equal(audit.rows[0]!.after.note, 'POS back online');

    const again = await call({ method: 'POST', url: `${actionsUrl()}/${id}/retry`, payload: {} });
    assert.equal(again.statusCode, 409, 'a succeeded action cannot be retried');
  });

  it('edit-and-retry requires If-Match, validates by the contract with field paths, then delivers', async () => {
    const id = await deadLettered('H-2');
    const url = `${actionsUrl()}/${id}/edit-and-retry`;
    const corrected = {
      ...(payloadFor('create_pos_order', tenant, 'H-2') as object),
      notes: 'no olives',
    };
    const missing = await call({ method: 'POST', url, payload: { payload: corrected } });
    assert.equal(missing.statusCode, 428);

    const current = await call({ method: 'GET', url: `${actionsUrl()}?status=dead_letter` });
    const version = (current.json() as { items: { id: string; version: string }[] }).items.find(
      (action) => action.id === id,
    )!.version;
    const invalid = await call({
      method: 'POST',
      url,
      payload: { payload: { ...corrected, order_reference: 42 } },
      headers: { 'if-match': `"action.${version}"` },
    });
    assert.equal(invalid.statusCode, 422);
    const problem = invalid.json() as { errors?: { path: string }[] };
    const paths = (problem.errors ?? []).map((field) => field.path);
    assert.ok(paths.includes('$.payload.order_reference'), JSON.stringify(problem));
    assert.equal(await status(id), 'DEAD_LETTER', 'a refused edit changes nothing');

    const edited = await call({
      method: 'POST',
      url,
      payload: { payload: corrected, note: 'customer asked' },
      headers: { 'if-match': `"action.${version}"` },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    await waitFor('the edited action to succeed', async () => (await status(id)) === 'SUCCEEDED');
    const stored = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query<{ notes: string }>(`select payload->>'notes' as notes from actions where id = $1`, [
        id,
      ]),
    );
    assert.equal(stored.rows[0]!.notes, 'no olives');
  });

  it('cancels a waiting action once; a second cancel is a conflict', async () => {
    const action = await test.db.withTenant(tenant.tenantId, async (tx) => {
      return enqueueAction(tx, {
        type: 'create_pos_order',
        payload: payloadFor('create_pos_order', tenant, 'H-3'),
        sessionId: null,
        correlationId: newId(),
        dedupeKey: 'H-3',
        notBefore: new Date(Date.now() + 3_600_000),
      });
    });
    const url = `${actionsUrl()}/${action.id}/cancel`;
    const canceled = await call({ method: 'POST', url, payload: {} });
    assert.equal(canceled.statusCode, 200, canceled.body);
    assert.equal(await status(action.id), 'CANCELED');
    assert.equal((await call({ method: 'POST', url, payload: {} })).statusCode, 409);
    const unknown = await call({
      method: 'POST',
      url: `${actionsUrl()}/${newId()}/cancel`,
      payload: {},
    });
    assert.equal(unknown.statusCode, 404);
  });
});
