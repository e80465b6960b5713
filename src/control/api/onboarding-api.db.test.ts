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

type Checklist = { next: string | null; steps: { step: string; status: string }[] };
const statuses = (response: LightMyRequestResponse) =>
  Object.fromEntries((response.json() as Checklist).steps.map((step) => [step.step, step.status]));

describe('onboarding checklist', () => {
  it('follows the real state of the location and the confirmations, step by step', async () => {
    const t = api.a.tenantId;
    const token = api.a.tokens.tenant_admin;
    const empty = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/locations`,
      token,
      payload: { name: 'New place' },
    });
    const locationId = (empty.json() as { id: string }).id;
    const url = `/v1/tenants/${t}/locations/${locationId}/onboarding`;
    const fresh = await call({ method: 'GET', url, token: api.a.tokens.viewer });
    assert.deepEqual(statuses(fresh), {
      provision: 'done',
      number_forwarding: 'todo',
      menu: 'todo',
      edge_connectivity: 'todo',
      shadow_mode: 'todo',
      hybrid_overflow: 'todo',
    });
    assert.equal((fresh.json() as Checklist).next, 'number_forwarding');

    // A seeded location has a route, an active menu: forwarding waits for a person.
    const seeded = await seedLocation(test.db, t);
    const seededUrl = `/v1/tenants/${t}/locations/${seeded.locationId}/onboarding`;
    assert.equal(
      statuses(await call({ method: 'GET', url: seededUrl, token })).number_forwarding,
      'needs_confirmation',
    );
    const confirmed = await call({
      method: 'POST',
      url: `${seededUrl}/number_forwarding/confirm`,
      token,
      payload: { note: 'KPN forwards on busy' },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(statuses(confirmed).number_forwarding, 'done');
    assert.equal(statuses(confirmed).menu, 'done');

    await test.db.withTenant(t, async (tx) => {
      await tx.query(
        `insert into edge_devices (tenant_id, id, location_id, name, status, last_seen_at)
         values ($1, $2, $3, 'Kitchen', 'enrolled', now() - interval '10 minutes')`,
        [t, newId(), seeded.locationId],
      );
    });
    assert.equal(
      statuses(await call({ method: 'GET', url: seededUrl, token })).edge_connectivity,
      'todo',
    );
    await test.db.withTenant(t, (tx) =>
      tx.query(`update edge_devices set last_seen_at = now() where location_id = $1`, [
        seeded.locationId,
      ]),
    );
    await call({ method: 'POST', url: `${seededUrl}/shadow_mode/confirm`, token, payload: {} });
    await test.db.withTenant(t, (tx) =>
      tx.query(`update tenant_locations set overflow_enabled = true where id = $1`, [
        seeded.locationId,
      ]),
    );
    const done = await call({ method: 'GET', url: seededUrl, token });
    assert.equal((done.json() as Checklist).next, null, done.body);

    const switchedOff = await call({
      method: 'POST',
      url: `/v1/tenants/${t}/kill-switches`,
      token,
      payload: { kind: 'overflow_off', reason: 'pause' },
    });
    assert.equal(switchedOff.statusCode, 201);
    const paused = await call({ method: 'GET', url: seededUrl, token });
    assert.equal((paused.json() as Checklist).next, 'hybrid_overflow');

    const unknownStep = await call({
      method: 'POST',
      url: `${seededUrl}/menu/confirm`,
      token,
      payload: {},
    });
    assert.equal(unknownStep.statusCode, 404, 'only manual steps can be confirmed');
    const operator = await call({
      method: 'POST',
      url: `${seededUrl}/shadow_mode/confirm`,
      token: api.a.tokens.operator,
      payload: {},
    });
    assert.equal(operator.statusCode, 403);
  });
});
