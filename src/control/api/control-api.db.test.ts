import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';
import { configChannel } from '../notify/config-channel.ts';
import {
  createApiFixture,
  randomPhone,
  sampleMenu,
  type ApiFixture,
} from '../testing/api-fixture.ts';
import { assertDeclaredResponse } from '../testing/openapi-conformance.ts';
import { controlRoutes } from './control-routes.ts';

let test: TestDatabase;
let api: ApiFixture;
const document = buildOpenApiDocument(controlRoutes, 'test') as unknown as Parameters<
  typeof assertDeclaredResponse
>[0];

/** Every response of these tests is checked against the OpenAPI document. */
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

const base = () => `/v1/tenants/${api.a.tenantId}`;

async function newLocation(name = 'Centrum'): Promise<{ id: string; etag: string }> {
  const created = await call({
    method: 'POST',
    url: `${base()}/locations`,
    token: api.a.tokens.tenant_admin,
    payload: { name, timezone: 'Europe/Amsterdam', address: { city: 'Amsterdam' } },
  });
  assert.equal(created.statusCode, 201, created.body);
  return { id: created.json<{ id: string }>().id, etag: String(created.headers.etag) };
}

describe('tenants', () => {
  it('a platform admin creates a tenant; the slug is unique (409); unknown fields are 422', async () => {
    const slug = `pizza-${Date.now()}`;
    const created = await call({
      method: 'POST',
      url: '/v1/tenants',
      token: api.platformToken,
      payload: { name: 'Pizza', slug },
    });
    assert.equal(created.statusCode, 201, created.body);
    const again = await call({
      method: 'POST',
      url: '/v1/tenants',
      token: api.platformToken,
      payload: { name: 'Other', slug },
    });
    assert.equal(again.statusCode, 409);
    assert.deepEqual(again.json().errors, [{ path: '$.slug', message: 'already in use' }]);
    const unknown = await call({
      method: 'POST',
      url: '/v1/tenants',
      token: api.platformToken,
      payload: { name: 'X', slug: 'xx-yy', colour: 'red' },
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(String(unknown.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(unknown.json().errors, [{ path: '$', message: 'unknown field(s): colour' }]);
  });

  it('a tenant admin may rename its tenant but not change its tier', async () => {
    const renamed = await call({
      method: 'PATCH',
      url: base(),
      token: api.a.tokens.tenant_admin,
      payload: { name: 'Renamed' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().name, 'Renamed');
    const tier = await call({
      method: 'PATCH',
      url: base(),
      token: api.a.tokens.tenant_admin,
      payload: { tier: 'premium' },
    });
    assert.equal(tier.statusCode, 403);
    assert.deepEqual(tier.json().errors, [{ path: '$.tier', message: 'platform admins only' }]);
  });
});

describe('locations', () => {
  it('validates the time zone against Intl, with the field path', async () => {
    const bad = await call({
      method: 'POST',
      url: `${base()}/locations`,
      token: api.a.tokens.tenant_admin,
      payload: { name: 'X', timezone: 'Mars/Olympus' },
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].path, '$.timezone');
  });

  it('requires If-Match on PATCH (428), refuses a stale one (412), and returns a new ETag', async () => {
    const { id, etag } = await newLocation();
    const url = `${base()}/locations/${id}`;
    const missing = await call({
      method: 'PATCH',
      url,
      token: api.a.tokens.tenant_admin,
      payload: { name: 'B' },
    });
    assert.equal(missing.statusCode, 428);
    const ok = await call({
      method: 'PATCH',
      url,
      token: api.a.tokens.tenant_admin,
      headers: { 'if-match': etag },
      payload: { name: 'B' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.notEqual(ok.headers.etag, etag);
    const stale = await call({
      method: 'PATCH',
      url,
      token: api.a.tokens.tenant_admin,
      headers: { 'if-match': etag },
      payload: { name: 'C' },
    });
    assert.equal(stale.statusCode, 412);
    const read = await call({ method: 'GET', url, token: api.a.tokens.viewer });
    assert.equal(read.json().name, 'B');
  });

  it('overflow on/off publishes OverflowToggled and notifies the config channel at commit', async () => {
    const { id, etag } = await newLocation();
    const listener = new pg.Client({ connectionString: test.ownerUrl });
    await listener.connect();
    const notes: string[] = [];
    listener.on('notification', (message) => notes.push(message.payload ?? ''));
    await listener.query(`listen ${configChannel}`);
    try {
      const toggled = await call({
        method: 'PUT',
        url: `${base()}/locations/${id}/overflow`,
        token: api.a.tokens.operator,
        headers: { 'if-match': etag },
        payload: { enabled: true, reason: 'busy friday' },
      });
      assert.equal(toggled.statusCode, 200, toggled.body);
      assert.equal(toggled.json().overflowEnabled, true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const note = notes
        .map((text) => JSON.parse(text) as { type: string; location_id: string })
        .find((n) => n.location_id === id);
      assert.equal(note?.type, 'OverflowToggled');
      const events = await test.db.withTenant(api.a.tenantId, (tx) =>
        tx.query<{ payload: { enabled: boolean } }>(
          `select payload from events where type = 'OverflowToggled' and payload->>'location_id' = $1`,
          [id],
        ),
      );
      assert.equal(events.rows[0]?.payload.enabled, true);
    } finally {
      await listener.end();
    }
  });
});

describe('call routes', () => {
  it('routes an E.164 number once; the same number again, from any tenant, is 409', async () => {
    const { id } = await newLocation();
    const address = randomPhone();
    const created = await call({
      method: 'POST',
      url: `${base()}/routes`,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'phone', locationId: id, address },
    });
    assert.equal(created.statusCode, 201, created.body);
    const locationB = await api.call({
      method: 'POST',
      url: `/v1/tenants/${api.b.tenantId}/locations`,
      token: api.b.tokens.tenant_admin,
      payload: { name: 'B' },
    });
    const taken = await call({
      method: 'POST',
      url: `/v1/tenants/${api.b.tenantId}/routes`,
      token: api.b.tokens.tenant_admin,
      payload: { kind: 'phone', locationId: locationB.json<{ id: string }>().id, address },
    });
    assert.equal(taken.statusCode, 409);
    assert.doesNotMatch(taken.body, new RegExp(api.a.tenantId));
    const badNumber = await call({
      method: 'POST',
      url: `${base()}/routes`,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'phone', locationId: id, address: '020 123 4567' },
    });
    assert.equal(badNumber.statusCode, 422);
    assert.equal(badNumber.json().errors[0].path, '$.address');
    const sip = await call({
      method: 'POST',
      url: `${base()}/routes`,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'sip', locationId: id, address: `sip:orders-${Date.now()}@pbx.example.com` },
    });
    assert.equal(sip.statusCode, 201, sip.body);
  });
});

describe('menus', () => {
  it('imports JSON, then replaces it atomically only with the current ETag; MenuUpdated is published', async () => {
    const { id } = await newLocation();
    const url = `${base()}/locations/${id}/menu`;
    const first = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      payload: sampleMenu(),
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().version, 1);
    const noIfMatch = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      payload: sampleMenu(),
    });
    assert.equal(noIfMatch.statusCode, 428);
    const second = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      headers: { 'if-match': String(first.headers.etag) },
      payload: sampleMenu(),
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().version, 2);
    const events = await test.db.withTenant(api.a.tenantId, (tx) =>
      tx.query(`select 1 from events where type = 'MenuUpdated' and payload->>'location_id' = $1`, [
        id,
      ]),
    );
    assert.equal(events.rowCount, 2);
  });

  it('reports every problem with its JSON path (422) — an ambiguous alias included — and imports nothing', async () => {
    const { id } = await newLocation();
    const menu = sampleMenu();
    menu.items[1]!.aliases = ['margherita'];
    menu.items[0]!.price = -1;
    const url = `${base()}/locations/${id}/menu`;
    const bad = await call({ method: 'PUT', url, token: api.a.tokens.tenant_admin, payload: menu });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors.map((e: { path: string }) => e.path),
      ['$.items[0].price'],
    );
    menu.items[0]!.price = 9;
    const ambiguous = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      payload: menu,
    });
    assert.equal(ambiguous.statusCode, 422);
    assert.deepEqual(
      ambiguous.json().errors.map((e: { path: string }) => e.path),
      ['$.items[1].aliases[0]'],
    );
    assert.match(ambiguous.json().errors[0].message, /also names item "margherita"/);
    const read = await call({ method: 'GET', url, token: api.a.tokens.viewer });
    assert.equal(read.statusCode, 404);
  });

  it('refuses over 2,000 items and over 2 MiB with 413', async () => {
    const { id } = await newLocation();
    const url = `${base()}/locations/${id}/menu`;
    const menu = sampleMenu();
    menu.items = Array.from({ length: 2001 }, (_, i) => ({
      id: `i${i}`,
      name: `item ${i}`,
      category: 'c',
      price: 1,
    }));
    const many = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      payload: menu,
    });
    assert.equal(many.statusCode, 413);
    const huge = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      headers: { 'content-type': 'text/csv' },
      payload: `id,name,category,price\n${'x'.repeat(2 * 1024 * 1024)}`,
    });
    assert.equal(huge.statusCode, 413);
  });

  it('round-trips the CSV form: export, import back, same menu', async () => {
    const { id } = await newLocation();
    const url = `${base()}/locations/${id}/menu`;
    const first = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      payload: sampleMenu(),
    });
    const exported = await call({
      method: 'GET',
      url,
      token: api.a.tokens.viewer,
      headers: { accept: 'text/csv' },
    });
    assert.equal(exported.statusCode, 200);
    assert.match(exported.body, /^id,name,category,price/);
    const reimported = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      headers: { 'content-type': 'text/csv', 'if-match': String(first.headers.etag) },
      payload: exported.body,
    });
    assert.equal(reimported.statusCode, 200, reimported.body);
    const json = await call({ method: 'GET', url, token: api.a.tokens.viewer });
    const original = await call({ method: 'GET', url: url, token: api.a.tokens.viewer });
    assert.deepEqual(json.json().menu.items, original.json().menu.items);
    const badCsv = await call({
      method: 'PUT',
      url,
      token: api.a.tokens.tenant_admin,
      headers: { 'content-type': 'text/csv', 'if-match': String(reimported.headers.etag) },
      payload: 'id,name,category,price\nsoup,Soup,starters,abc\n',
    });
    assert.equal(badCsv.statusCode, 422);
    assert.equal(badCsv.json().errors[0].path, '$.items[0].price');
  });
});

describe('kitchen status', () => {
  it('86es and un-86es an item and changes waits with If-Match; each change is a KitchenStatusUpdated event', async () => {
    const { id } = await newLocation();
    await call({
      method: 'PUT',
      url: `${base()}/locations/${id}/menu`,
      token: api.a.tokens.tenant_admin,
      payload: sampleMenu(),
    });
    const url = `${base()}/locations/${id}/kitchen`;
    const sold = await call({
      method: 'POST',
      url: `${url}/sold-out`,
      token: api.a.tokens.operator,
      payload: { itemId: 'cola' },
    });
    assert.equal(sold.statusCode, 200, sold.body);
    assert.deepEqual(sold.json().soldOutItemIds, ['cola']);
    const unknown = await call({
      method: 'POST',
      url: `${url}/sold-out`,
      token: api.a.tokens.operator,
      payload: { itemId: 'nope' },
    });
    assert.equal(unknown.statusCode, 422);
    const paused = await call({
      method: 'PATCH',
      url,
      token: api.a.tokens.operator,
      headers: { 'if-match': String(sold.headers.etag) },
      payload: { state: 'paused', pickupWaitMinutes: 45 },
    });
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal(paused.json().state, 'paused');
    const back = await call({
      method: 'DELETE',
      url: `${url}/sold-out/cola`,
      token: api.a.tokens.operator,
    });
    assert.deepEqual(back.json().soldOutItemIds, []);
    const events = await test.db.withTenant(api.a.tenantId, (tx) =>
      tx.query<{ payload: { state: string; unavailable_item_ids: string[] } }>(
        `select payload from events where type = 'KitchenStatusUpdated' and payload->>'location_id' = $1 order by seq`,
        [id],
      ),
    );
    assert.deepEqual(
      events.rows.map((row) => [row.payload.state, row.payload.unavailable_item_ids]),
      [
        ['accepting', ['cola']],
        ['paused', ['cola']],
        ['paused', []],
      ],
    );
  });
});

describe('problems', () => {
  it("Fastify's own 404 and malformed JSON are application/problem+json", async () => {
    const missing = await api.call({ method: 'GET', url: '/v1/nothing-here' });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    assert.equal(missing.json().type, 'urn:voxeron:problem:not-found');
    const malformed = await call({
      method: 'POST',
      url: `${base()}/locations`,
      token: api.a.tokens.tenant_admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(malformed.statusCode, 400);
    assert.match(String(malformed.headers['content-type']), /^application\/problem\+json/);
    const wrongType = await call({
      method: 'POST',
      url: `${base()}/locations`,
      token: api.a.tokens.tenant_admin,
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    assert.equal(wrongType.statusCode, 415);
  });

  it('every mutation above left an audit row with actor, action and request id', async () => {
    const rows = await test.db.withTenant(api.a.tenantId, (tx) =>
      tx.query<{ action: string; actor: string; request_id: string | null }>(
        'select action, actor, request_id from audit_log order by seq',
      ),
    );
    const actions = new Set(rows.rows.map((row) => row.action));
    for (const action of [
      'tenant.update',
      'location.create',
      'location.update',
      'location.overflow_on',
      'route.create',
      'menu.import',
      'kitchen.update',
      'item.sold_out',
      'item.available',
    ]) {
      assert.ok(actions.has(action), `no audit row for ${action}`);
    }
    assert.ok(
      rows.rows.every(
        (row) =>
          /^(tenant_admin|operator|viewer|platform_admin):/.test(row.actor) && row.request_id,
      ),
    );
  });
});
