import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { examplePremiumPolicy } from '../../contracts/testing/routing-examples.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';
import { createApiFixture, seedLocation, type ApiFixture } from '../testing/api-fixture.ts';
import { assertDeclaredResponse } from '../testing/openapi-conformance.ts';
import { controlRoutes } from './control-routes.ts';

let test: TestDatabase;
let api: ApiFixture;
const document = buildOpenApiDocument(controlRoutes, 'test') as unknown as Parameters<
  typeof assertDeclaredResponse
>[0];

async function call(
  options: InjectOptions & { token?: string | undefined; method: string; url: string },
): Promise<LightMyRequestResponse> {
  const response = await api.call(options);
  assertDeclaredResponse(document, controlRoutes, options.method, options.url, response);
  return response;
}

before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
});
after(async () => {
  await api.app.close();
  await test.close();
});

const fieldPaths = (response: LightMyRequestResponse) =>
  ((response.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

describe('kill switch API', () => {
  it('a tenant admin switches its own overflow off for one location, audited with before/after', async () => {
    const { locationId } = await seedLocation(test.db, api.a.tenantId);
    const url = `/v1/tenants/${api.a.tenantId}/kill-switches`;
    const on = await call({
      method: 'POST',
      url,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'overflow_off', locationId, reason: 'staff back on the phones' },
    });
    assert.equal(on.statusCode, 201, on.body);
    const created = on.json() as { id: string; active: boolean; locationId: string };
    assert.equal(created.active, true);
    const again = await call({
      method: 'POST',
      url,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'overflow_off', locationId, reason: 'again' },
    });
    assert.equal(again.statusCode, 200);
    assert.equal((again.json() as { id: string }).id, created.id);

    const off = await call({
      method: 'DELETE',
      url: `${url}/${created.id}`,
      token: api.a.tokens.tenant_admin,
    });
    assert.equal((off.json() as { active: boolean }).active, false);
    const active = await call({ method: 'GET', url, token: api.a.tokens.viewer });
    assert.deepEqual((active.json() as { killSwitches: unknown[] }).killSwitches, []);
    const history = await call({
      method: 'GET',
      url: `${url}?include=all`,
      token: api.a.tokens.viewer,
    });
    assert.equal((history.json() as { killSwitches: unknown[] }).killSwitches.length, 1);

    const audit = await test.db.withTenant(api.a.tenantId, (tx) =>
      tx.query<{ action: string; before: unknown; after: { active: boolean } }>(
        `select action, before, after from audit_log where resource_type = 'kill_switch' order by seq`,
      ),
    );
    assert.deepEqual(
      audit.rows.map((row) => [row.action, row.before === null, row.after.active]),
      [
        ['kill_switch.on', true, true],
        ['kill_switch.off', false, false],
      ],
    );
  });

  it('refuses bad input with field paths: unknown kind, missing target, unknown field, foreign location', async () => {
    const url = `/v1/tenants/${api.a.tenantId}/kill-switches`;
    const token = api.a.tokens.tenant_admin;
    const badKind = await call({
      method: 'POST',
      url,
      token,
      payload: { kind: 'all_off', reason: 'x' },
    });
    assert.equal(badKind.statusCode, 422);
    assert.deepEqual(fieldPaths(badKind), ['$.kind']);
    const noTarget = await call({
      method: 'POST',
      url,
      token,
      payload: { kind: 'integration_off', reason: 'x' },
    });
    assert.deepEqual(fieldPaths(noTarget), ['$.integration']);
    const extra = await call({
      method: 'POST',
      url,
      token,
      payload: { kind: 'vendor_off', vendor: 'acme', reason: 'x', scope: 'global' },
    });
    assert.equal(extra.statusCode, 422);
    const other = await seedLocation(test.db, api.b.tenantId);
    const foreign = await call({
      method: 'POST',
      url,
      token,
      payload: { kind: 'overflow_off', locationId: other.locationId, reason: 'x' },
    });
    assert.equal(foreign.statusCode, 422);
    assert.deepEqual(fieldPaths(foreign), ['$.locationId']);
    const blank = await call({
      method: 'POST',
      url,
      token,
      payload: { kind: 'vendor_off', vendor: 'acme', reason: '   ' },
    });
    assert.deepEqual(fieldPaths(blank), ['$.reason']);
  });

  it('global switches: platform admins write (platform audit log), tenant admins get 403', async () => {
    const forbidden = await call({
      method: 'POST',
      url: '/v1/kill-switches',
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'overflow_off', reason: 'x' },
    });
    assert.equal(forbidden.statusCode, 403);
    const on = await call({
      method: 'POST',
      url: '/v1/kill-switches',
      token: api.platformToken,
      payload: { kind: 'overflow_off', reason: 'platform incident' },
    });
    assert.equal(on.statusCode, 201, on.body);
    const withLocation = await call({
      method: 'POST',
      url: '/v1/kill-switches',
      token: api.platformToken,
      payload: { kind: 'overflow_off', locationId: api.a.tenantId, reason: 'x' },
    });
    assert.deepEqual(fieldPaths(withLocation), ['$.locationId']);
    const off = await call({
      method: 'DELETE',
      url: `/v1/kill-switches/${(on.json() as { id: string }).id}`,
      token: api.platformToken,
    });
    assert.equal(off.statusCode, 200);
    const audit = await test.owner.query<{ action: string }>(
      `select action from platform_audit_log where resource_type = 'kill_switch' order by seq`,
    );
    assert.deepEqual(
      audit.rows.map((row) => row.action),
      ['kill_switch.on', 'kill_switch.off'],
    );
  });
});

describe('feature flag API', () => {
  it('PUT creates, then needs If-Match (428 missing, 412 stale); tenants see only their answer', async () => {
    const url = '/v1/flags/streaming-tts';
    const created = await call({
      method: 'PUT',
      url,
      token: api.platformToken,
      payload: { enabled: true, allowTenantIds: [api.a.tenantId], description: 'new TTS' },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.etag, '"flag.1"');
    const blind = await call({
      method: 'PUT',
      url,
      token: api.platformToken,
      payload: { enabled: false },
    });
    assert.equal(blind.statusCode, 428);
    const replaced = await call({
      method: 'PUT',
      url,
      token: api.platformToken,
      payload: { enabled: true, rolloutPercent: 100, denyTenantIds: [api.a.tenantId] },
      headers: { 'if-match': '"flag.1"' },
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    const stale = await call({
      method: 'PUT',
      url,
      token: api.platformToken,
      payload: { enabled: false },
      headers: { 'if-match': '"flag.1"' },
    });
    assert.equal(stale.statusCode, 412);

    const seenByA = await call({
      method: 'GET',
      url: `/v1/tenants/${api.a.tenantId}/flags`,
      token: api.a.tokens.viewer,
    });
    const seenByB = await call({
      method: 'GET',
      url: `/v1/tenants/${api.b.tenantId}/flags`,
      token: api.b.tokens.viewer,
    });
    const on = (response: LightMyRequestResponse) =>
      (response.json() as { flags: { key: string; on: boolean }[] }).flags.find(
        (flag) => flag.key === 'streaming-tts',
      )?.on;
    assert.equal(on(seenByA), false, 'denied');
    assert.equal(on(seenByB), true, 'rolled out to 100 %');
    assert.doesNotMatch(seenByB.body, new RegExp(api.a.tenantId), 'no other tenant ids leak');

    const both = await call({
      method: 'PUT',
      url: '/v1/flags/both',
      token: api.platformToken,
      payload: { enabled: true, allowTenantIds: [api.a.tenantId], denyTenantIds: [api.a.tenantId] },
    });
    assert.deepEqual(fieldPaths(both), ['$.denyTenantIds']);
    const badKey = await call({
      method: 'GET',
      url: '/v1/flags/Bad%20Key',
      token: api.platformToken,
    });
    assert.equal(badKey.statusCode, 404);
    const audit = await test.owner.query<{ action: string }>(
      `select action from platform_audit_log where resource_id = 'streaming-tts' order by seq`,
    );
    assert.deepEqual(
      audit.rows.map((row) => row.action),
      ['flag.create', 'flag.update'],
    );
  });
});

describe('model routing policy API', () => {
  it('creates, refuses a taken name and an invalid routing with field paths, replaces with If-Match, audits', async () => {
    const { id: _id, ...policy } = examplePremiumPolicy;
    const created = await call({
      method: 'POST',
      url: '/v1/model-policies',
      token: api.platformToken,
      payload: policy,
    });
    assert.equal(created.statusCode, 201, created.body);
    const view = created.json() as { id: string; revision: number };
    const taken = await call({
      method: 'POST',
      url: '/v1/model-policies',
      token: api.platformToken,
      payload: policy,
    });
    assert.equal(taken.statusCode, 409);
    assert.deepEqual(fieldPaths(taken), ['$.name']);
    const invalid = await call({
      method: 'POST',
      url: '/v1/model-policies',
      token: api.platformToken,
      payload: {
        ...policy,
        name: 'other',
        routing: { ...policy.routing, asr: { candidates: [] } },
      },
    });
    assert.equal(invalid.statusCode, 422);
    assert.ok(
      fieldPaths(invalid).every((path) => path.startsWith('$.routing.asr')),
      invalid.body,
    );

    const url = `/v1/model-policies/${view.id}`;
    const stale = await call({
      method: 'PUT',
      url,
      token: api.platformToken,
      payload: { ...policy, priority: 5 },
      headers: { 'if-match': '"model-policy.7"' },
    });
    assert.equal(stale.statusCode, 412);
    const replaced = await call({
      method: 'PUT',
      url,
      token: api.platformToken,
      payload: { ...policy, priority: 5 },
      headers: { 'if-match': created.headers.etag as string },
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal((replaced.json() as { priority: number }).priority, 5);
    const tenantAdmin = await call({
      method: 'GET',
      url: '/v1/model-policies',
      token: api.a.tokens.tenant_admin,
    });
    assert.equal(tenantAdmin.statusCode, 403);
    const audit = await test.owner.query<{ action: string }>(
      `select action from platform_audit_log where resource_id = $1 order by seq`,
      [view.id],
    );
    assert.deepEqual(
      audit.rows.map((row) => row.action),
      ['model_policy.create', 'model_policy.update'],
    );
  });
});
