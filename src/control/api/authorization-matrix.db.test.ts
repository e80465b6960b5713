import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import type { Role } from '../auth/roles.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';
import {
  createApiFixture,
  randomPhone,
  sampleMenu,
  seedLocation,
  type ApiFixture,
  type SeededLocation,
} from '../testing/api-fixture.ts';
import { assertDeclaredResponse } from '../testing/openapi-conformance.ts';
import { controlRoutes } from './control-routes.ts';

let test: TestDatabase;
let api: ApiFixture;
const document = buildOpenApiDocument(controlRoutes, 'test') as unknown as Parameters<
  typeof assertDeclaredResponse
>[0];

before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
});
after(async () => {
  await api.app.close();
  await test.close();
});

interface Prepared {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** A valid request per operation against fresh resources of `tenantId`, and its success status. */
const requests: Record<
  string,
  { success: number; prepare(tenantId: string, seeded: SeededLocation): Prepared }
> = {
  createTenant: {
    success: 201,
    prepare: () => ({
      url: '/v1/tenants',
      payload: { name: 'N', slug: `m-${Math.random().toString(36).slice(2, 10)}` },
    }),
  },
  getTenant: { success: 200, prepare: (t) => ({ url: `/v1/tenants/${t}` }) },
  updateTenant: {
    success: 200,
    prepare: (t) => ({ url: `/v1/tenants/${t}`, payload: { name: 'Renamed' } }),
  },
  listLocations: { success: 200, prepare: (t) => ({ url: `/v1/tenants/${t}/locations` }) },
  createLocation: {
    success: 201,
    prepare: (t) => ({ url: `/v1/tenants/${t}/locations`, payload: { name: 'New' } }),
  },
  getLocation: {
    success: 200,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/locations/${s.locationId}` }),
  },
  updateLocation: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}`,
      payload: { name: 'X' },
      headers: { 'if-match': '"location.1"' },
    }),
  },
  deleteLocation: {
    success: 204,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/locations/${s.locationId}` }),
  },
  setOverflow: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/overflow`,
      payload: { enabled: true },
      headers: { 'if-match': '"location.1"' },
    }),
  },
  listCallRoutes: { success: 200, prepare: (t) => ({ url: `/v1/tenants/${t}/routes` }) },
  createCallRoute: {
    success: 201,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/routes`,
      payload: { kind: 'phone', locationId: s.locationId, address: randomPhone() },
    }),
  },
  deleteCallRoute: {
    success: 204,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/routes/${s.routeId}` }),
  },
  getMenu: {
    success: 200,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/locations/${s.locationId}/menu` }),
  },
  importMenu: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/menu`,
      payload: sampleMenu(),
      headers: { 'if-match': '"menu.1"' },
    }),
  },
  getKitchenStatus: {
    success: 200,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/locations/${s.locationId}/kitchen` }),
  },
  updateKitchenStatus: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/kitchen`,
      payload: { state: 'paused' },
      headers: { 'if-match': '"kitchen.1"' },
    }),
  },
  markSoldOut: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/kitchen/sold-out`,
      payload: { itemId: 'margherita' },
    }),
  },
  clearSoldOut: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/kitchen/sold-out/cola`,
    }),
  },
  listTokens: { success: 200, prepare: (t) => ({ url: `/v1/tenants/${t}/tokens` }) },
  createToken: {
    success: 201,
    prepare: (t) => ({ url: `/v1/tenants/${t}/tokens`, payload: { name: 'x', role: 'viewer' } }),
  },
  rotateToken: {
    success: 201,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/tokens/${s.tokenId}/rotate`, payload: {} }),
  },
  revokeToken: {
    success: 200,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/tokens/${s.tokenId}` }),
  },
};

type Caller = Role | 'anonymous';
const callers: Caller[] = ['platform_admin', 'tenant_admin', 'operator', 'viewer', 'anonymous'];

/** The rule the table encodes: 401 without a token, 403 for a role not allowed, 404 across tenants. */
function expected(
  route: (typeof controlRoutes)[number],
  caller: Caller,
  target: 'own' | 'other',
): number {
  if (caller === 'anonymous') return 401;
  if (!route.roles.includes(caller)) return 403;
  if (route.tenancy === 'tenant' && caller !== 'platform_admin' && target === 'other') return 404;
  return requests[route.operationId]!.success;
}

describe('authorization matrix: every route × every role × own/other tenant', () => {
  it('has a request for every route', () => {
    assert.deepEqual(
      controlRoutes.map((route) => route.operationId).sort(),
      Object.keys(requests).sort(),
    );
  });

  for (const route of controlRoutes) {
    it(`${route.method} ${route.path} (${route.operationId})`, async () => {
      const outcomes: string[] = [];
      for (const caller of callers) {
        for (const target of ['own', 'other'] as const) {
          const tenant = target === 'own' ? api.a : api.b;
          const seeded = await seedLocation(test.db, tenant.tenantId);
          const prepared = requests[route.operationId]!.prepare(tenant.tenantId, seeded);
          const token =
            caller === 'anonymous'
              ? undefined
              : caller === 'platform_admin'
                ? api.platformToken
                : api.a.tokens[caller];
          const response = await api.call({
            method: route.method,
            url: prepared.url,
            token,
            ...(prepared.payload === undefined ? {} : { payload: prepared.payload as object }),
            ...(prepared.headers ? { headers: prepared.headers } : {}),
          });
          assertDeclaredResponse(document, controlRoutes, route.method, prepared.url, response);
          const want = expected(route, caller, target);
          if (response.statusCode !== want)
            outcomes.push(
              `${caller}/${target}: ${response.statusCode} (want ${want}) ${response.body}`,
            );
        }
      }
      assert.deepEqual(outcomes, []);
    });
  }
});
