import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { newId } from '../../platform/ids.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';
import { createApiFixture, seedLocation, type ApiFixture } from '../testing/api-fixture.ts';
import { assertDeclaredResponse } from '../testing/openapi-conformance.ts';
import { controlRoutes } from './control-routes.ts';

let test: TestDatabase;
let api: ApiFixture;
const blueprintId = newId();
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
  await test.db.withoutTenant((tx) =>
    tx.query(
      `insert into blueprints (id, sector, version, environment, definition, created_by)
       values ($1, 'restaurant', 1, 'production', '{}', 'test')`,
      [blueprintId],
    ),
  );
});
after(async () => {
  await api.app.close();
  await test.close();
});

describe('overlay lifecycle', () => {
  it('draft → staging → production, instant rollback, pinning; versions are immutable', async () => {
    const t = api.a.tenantId;
    const token = api.a.tokens.tenant_admin;
    const { locationId } = await seedLocation(test.db, t);
    const create = async (greeting: string) => {
      const response = await call({
        method: 'POST',
        url: `/v1/tenants/${t}/overlays`,
        token,
        payload: { locationId, blueprintId, overlay: { greeting } },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: string; version: number };
    };
    const promote = (id: string, to: string) =>
      call({
        method: 'POST',
        url: `/v1/tenants/${t}/overlays/${id}/promotions`,
        token,
        payload: { to },
      });
    const effective = async () =>
      (
        await call({
          method: 'GET',
          url: `/v1/tenants/${t}/locations/${locationId}/overlay`,
          token,
        })
      ).json() as { overlay: { id: string; version: number }; pinned: boolean };

    const v1 = await create('Hi');
    assert.equal(v1.version, 1);
    const skip = await promote(v1.id, 'production');
    assert.equal(skip.statusCode, 409, 'draft cannot jump to production');
    assert.equal((await promote(v1.id, 'staging')).statusCode, 200);
    assert.equal((await promote(v1.id, 'production')).statusCode, 200);
    const v2 = await create('Hello');
    assert.equal(v2.version, 2);
    await promote(v2.id, 'staging');
    await promote(v2.id, 'production');
    assert.equal((await effective()).overlay.id, v2.id);

    const rolledBack = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/overlays/${v1.id}/rollback`,
      token,
    });
    assert.equal(rolledBack.statusCode, 200, rolledBack.body);
    assert.equal((await effective()).overlay.id, v1.id);
    const forward = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/overlays/${v2.id}/rollback`,
      token,
    });
    assert.equal(forward.statusCode, 409, 'rollback goes to earlier versions only');

    const pin = await call({
      method: 'PUT',
      url: `/v1/tenants/${t}/locations/${locationId}/overlay-pin`,
      token,
      payload: { overlayId: v2.id },
    });
    assert.equal(pin.statusCode, 204, pin.body);
    assert.equal((await effective()).pinned, true);
    assert.equal((await effective()).overlay.id, v2.id);
    const v3 = await create('Draft');
    const pinDraft = await call({
      method: 'PUT',
      url: `/v1/tenants/${t}/locations/${locationId}/overlay-pin`,
      token,
      payload: { overlayId: v3.id },
    });
    assert.equal(pinDraft.statusCode, 422);

    await assert.rejects(
      test.db.withTenant(t, (tx) =>
        tx.query(`update tenant_overlays set overlay = '{"greeting":"sneaky"}' where id = $1`, [
          v1.id,
        ]),
      ),
      /immutable/,
    );
    const audit = await test.db.withTenant(t, (tx) =>
      tx.query<{ action: string }>(
        `select action from audit_log where resource_type in ('overlay', 'location') and action like 'overlay.%' order by seq`,
      ),
    );
    assert.deepEqual(
      audit.rows.map((row) => row.action),
      [
        'overlay.create',
        'overlay.promote.staging',
        'overlay.promote.production',
        'overlay.create',
        'overlay.promote.staging',
        'overlay.promote.production',
        'overlay.rollback',
        'overlay.pin',
        'overlay.create',
      ],
    );
  });

  it('refuses overlay content that breaks the overlay contract, naming each field; stores valid content as sent', async () => {
    const t = api.a.tenantId;
    const token = api.a.tokens.tenant_admin;
    const { locationId } = await seedLocation(test.db, t);
    const post = (overlay: unknown) =>
      call({
        method: 'POST',
        url: `/v1/tenants/${t}/overlays`,
        token,
        payload: { locationId, blueprintId, overlay },
      });
    const bad = await post({
      hours: [{ days: ['mon'], open: '9am', close: '22:00' }],
      orderReferencePrefix: 'abc',
      colour: 'red',
    });
    assert.equal(bad.statusCode, 422, bad.body);
    const paths = (bad.json() as { errors: { path: string; message: string }[] }).errors
      .map((error) => error.path)
      .sort();
    assert.deepEqual(paths, [
      '$.overlay',
      '$.overlay.hours[0].open',
      '$.overlay.orderReferencePrefix',
    ]);
    assert.match(bad.body, /colour/, 'the unknown field is named');

    const good = await post({ greeting: 'Welcome to the harbour', languages: ['en', 'nl'] });
    assert.equal(good.statusCode, 201, good.body);
    assert.deepEqual(
      (good.json() as { overlay: unknown }).overlay,
      {
        greeting: 'Welcome to the harbour',
        languages: ['en', 'nl'],
      },
      'stored as sent: no defaults filled in',
    );
  });

  it('with the two-person rule a promotion waits; the requester cannot approve it, someone else can', async () => {
    const t = api.b.tenantId;
    const token = api.b.tokens.tenant_admin;
    const flag = await call({
      method: 'PUT',
      url: '/v1/flags/blueprint.two-person-rule',
      token: api.platformToken,
      payload: { enabled: true, allowTenantIds: [t] },
    });
    assert.equal(flag.statusCode, 201, flag.body);
    const created = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/overlays`,
      token,
      payload: { blueprintId, overlay: { greeting: 'Tenant-wide' } },
    });
    const overlay = created.json() as { id: string };
    const requested = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/overlays/${overlay.id}/promotions`,
      token,
      payload: { to: 'staging' },
    });
    assert.equal(requested.statusCode, 202, requested.body);
    const promotion = requested.json() as { id: string; status: string };
    assert.equal(promotion.status, 'pending');
    const twice = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/overlays/${overlay.id}/promotions`,
      token,
      payload: { to: 'staging' },
    });
    assert.equal(twice.statusCode, 409);
    const self = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/promotions/${promotion.id}/approve`,
      token,
    });
    assert.equal(self.statusCode, 403);
    assert.match(self.body, /two-person rule/);
    const listed = await call({ method: 'GET', url: `/v1/tenants/${t}/overlays`, token });
    assert.equal(
      (listed.json() as { overlays: { environment: string }[] }).overlays[0]!.environment,
      'draft',
      'nothing applied before approval',
    );
    const approved = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/promotions/${promotion.id}/approve`,
      token: api.platformToken,
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal((approved.json() as { status: string }).status, 'applied');
    const again = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/promotions/${promotion.id}/approve`,
      token: api.platformToken,
    });
    assert.equal(again.statusCode, 409);
  });
});
