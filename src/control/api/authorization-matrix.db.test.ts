import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { examplePremiumPolicy } from '../../contracts/testing/routing-examples.ts';
import { newId } from '../../platform/ids.ts';
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
import {
  createRemediationPools,
  orderPayloadFor,
  take,
  type RemediationPools,
} from '../testing/remediation-pools.ts';
import { controlRoutes } from './control-routes.ts';

let test: TestDatabase;
let api: ApiFixture;
const document = buildOpenApiDocument(controlRoutes, 'test') as unknown as Parameters<
  typeof assertDeclaredResponse
>[0];

/** Webhook endpoints and actions the matrix consumes, one per request. */
let pools: RemediationPools;
before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
  await createSwitchesAndFlags();
  pools = await createRemediationPools(test.db, [api.a.tenantId, api.b.tenantId], 30);
});
after(async () => {
  await api.app.close();
  await test.close();
});

/** Switches and flags the matrix turns off or deletes, created once per tenant. */
const existing = {
  globalSwitch: '',
  tenantSwitch: new Map<string, string>(),
  flag: new Map<string, string>(),
  policy: new Map<string, string>(),
};
const samplePolicy = () => {
  const { id: _id, ...policy } = examplePremiumPolicy;
  return { ...policy, name: randomVendor() };
};
const randomVendor = () => `v-${Math.random().toString(36).slice(2, 10)}`;
async function createSwitchesAndFlags(): Promise<void> {
  const created = await api.call({
    method: 'POST',
    url: '/v1/kill-switches',
    token: api.platformToken,
    payload: { kind: 'vendor_off', vendor: randomVendor(), reason: 'matrix' },
  });
  existing.globalSwitch = (created.json() as { id: string }).id;
  for (const tenantId of [api.a.tenantId, api.b.tenantId]) {
    const own = await api.call({
      method: 'POST',
      url: `/v1/tenants/${tenantId}/kill-switches`,
      token: api.platformToken,
      payload: { kind: 'vendor_off', vendor: randomVendor(), reason: 'matrix' },
    });
    existing.tenantSwitch.set(tenantId, (own.json() as { id: string }).id);
    const key = `matrix.${tenantId.slice(-8)}`;
    await api.call({
      method: 'PUT',
      url: `/v1/flags/${key}`,
      token: api.platformToken,
      payload: { enabled: true },
    });
    existing.flag.set(tenantId, key);
    const policy = await api.call({
      method: 'POST',
      url: '/v1/model-policies',
      token: api.platformToken,
      payload: samplePolicy(),
    });
    existing.policy.set(tenantId, (policy.json() as { id: string }).id);
  }
}

let blueprintId: string | undefined;
async function matrixBlueprint(): Promise<string> {
  if (blueprintId) return blueprintId;
  const id = newId();
  await test.db.withoutTenant((tx) =>
    tx.query(
      `insert into blueprints (id, sector, version, definition, created_by) values ($1, 'matrix', 1, '{}', 'matrix')`,
      [id],
    ),
  );
  return (blueprintId = id);
}

/** An overlay version of the seeded location in `environment` (and a pending promotion). */
async function seedOverlay(
  tenantId: string,
  seeded: SeededLocation,
  environment: 'draft' | 'staging' | 'production' | 'retired',
  pendingPromotion = false,
): Promise<{ overlayId: string; promotionId: string }> {
  const overlayId = newId();
  const promotionId = newId();
  const blueprint = await matrixBlueprint();
  await test.db.withTenant(tenantId, async (tx) => {
    await tx.query(
      `insert into tenant_overlays (tenant_id, id, location_id, version, blueprint_id, environment, overlay, created_by)
       values ($1, $2, $3, (select coalesce(max(version), 0) + 1 from tenant_overlays where location_id = $3), $4, $5, '{}', 'seed')`,
      [tenantId, overlayId, seeded.locationId, blueprint, environment],
    );
    if (pendingPromotion) {
      await tx.query(
        `insert into overlay_promotions (tenant_id, id, overlay_id, from_env, to_env, requested_by)
         values ($1, $2, $3, $4, 'staging', 'seed')`,
        [tenantId, promotionId, overlayId, environment],
      );
    }
  });
  return { overlayId, promotionId };
}

interface Prepared {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** A valid request per operation against fresh resources of `tenantId`, and its success status. */
const requests: Record<
  string,
  {
    success: number;
    prepare(tenantId: string, seeded: SeededLocation): Prepared | Promise<Prepared>;
  }
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
  listFeatureFlags: { success: 200, prepare: () => ({ url: '/v1/flags' }) },
  getFeatureFlag: { success: 200, prepare: (t) => ({ url: `/v1/flags/${existing.flag.get(t)}` }) },
  putFeatureFlag: {
    success: 201,
    prepare: () => ({ url: `/v1/flags/${randomVendor()}`, payload: { enabled: false } }),
  },
  // Runs once per target with platform_admin: each target deletes its own flag.
  deleteFeatureFlag: {
    success: 204,
    prepare: (t) => ({ url: `/v1/flags/${existing.flag.get(t)}` }),
  },
  listTenantFlags: { success: 200, prepare: (t) => ({ url: `/v1/tenants/${t}/flags` }) },
  listModelPolicies: { success: 200, prepare: () => ({ url: '/v1/model-policies' }) },
  createModelPolicy: {
    success: 201,
    prepare: () => ({ url: '/v1/model-policies', payload: samplePolicy() }),
  },
  getModelPolicy: {
    success: 200,
    prepare: (t) => ({ url: `/v1/model-policies/${existing.policy.get(t)}` }),
  },
  replaceModelPolicy: {
    success: 200,
    prepare: (t) => ({
      url: `/v1/model-policies/${existing.policy.get(t)}`,
      payload: samplePolicy(),
      headers: { 'if-match': '"model-policy.1"' },
    }),
  },
  deleteModelPolicy: {
    success: 204,
    prepare: (t) => ({ url: `/v1/model-policies/${existing.policy.get(t)}` }),
  },
  listOverlayVersions: { success: 200, prepare: (t) => ({ url: `/v1/tenants/${t}/overlays` }) },
  createOverlay: {
    success: 201,
    prepare: async (t, s) => ({
      url: `/v1/tenants/${t}/overlays`,
      payload: { locationId: s.locationId, blueprintId: await matrixBlueprint(), overlay: {} },
    }),
  },
  promoteOverlay: {
    success: 200,
    prepare: async (t, s) => ({
      url: `/v1/tenants/${t}/overlays/${(await seedOverlay(t, s, 'draft')).overlayId}/promotions`,
      payload: { to: 'staging' },
    }),
  },
  approveOverlayPromotion: {
    success: 200,
    prepare: async (t, s) => ({
      url: `/v1/tenants/${t}/promotions/${(await seedOverlay(t, s, 'draft', true)).promotionId}/approve`,
    }),
  },
  rollbackOverlay: {
    success: 200,
    prepare: async (t, s) => {
      const earlier = await seedOverlay(t, s, 'retired');
      await seedOverlay(t, s, 'production');
      return { url: `/v1/tenants/${t}/overlays/${earlier.overlayId}/rollback` };
    },
  },
  pinLocationOverlay: {
    success: 204,
    prepare: async (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/overlay-pin`,
      payload: { overlayId: (await seedOverlay(t, s, 'staging')).overlayId },
    }),
  },
  getEffectiveOverlay: {
    success: 200,
    prepare: async (t, s) => {
      await seedOverlay(t, s, 'production');
      return { url: `/v1/tenants/${t}/locations/${s.locationId}/overlay` };
    },
  },
  getOnboarding: {
    success: 200,
    prepare: (t, s) => ({ url: `/v1/tenants/${t}/locations/${s.locationId}/onboarding` }),
  },
  confirmOnboardingStep: {
    success: 200,
    prepare: (t, s) => ({
      url: `/v1/tenants/${t}/locations/${s.locationId}/onboarding/shadow_mode/confirm`,
      payload: {},
    }),
  },
  listGlobalKillSwitches: { success: 200, prepare: () => ({ url: '/v1/kill-switches' }) },
  turnGlobalKillSwitchOn: {
    success: 201,
    prepare: () => ({
      url: '/v1/kill-switches',
      payload: { kind: 'vendor_off', vendor: randomVendor(), reason: 'matrix' },
    }),
  },
  turnGlobalKillSwitchOff: {
    success: 200,
    prepare: () => ({ url: `/v1/kill-switches/${existing.globalSwitch}` }),
  },
  listTenantKillSwitches: {
    success: 200,
    prepare: (t) => ({ url: `/v1/tenants/${t}/kill-switches` }),
  },
  turnTenantKillSwitchOn: {
    success: 201,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/kill-switches`,
      payload: { kind: 'vendor_off', vendor: randomVendor(), reason: 'matrix' },
    }),
  },
  turnTenantKillSwitchOff: {
    success: 200,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/kill-switches/${existing.tenantSwitch.get(t)}`,
    }),
  },
  listWebhookEndpoints: {
    success: 200,
    prepare: (t) => ({ url: `/v1/tenants/${t}/webhook-endpoints` }),
  },
  createWebhookEndpoint: {
    success: 201,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/webhook-endpoints`,
      payload: { url: 'https://hooks.example.com/m', eventTypes: ['OrderCreated'] },
    }),
  },
  getWebhookEndpoint: {
    success: 200,
    prepare: (t) => ({ url: `/v1/tenants/${t}/webhook-endpoints/${take(pools.endpoints, t)}` }),
  },
  updateWebhookEndpoint: {
    success: 200,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/webhook-endpoints/${take(pools.endpoints, t)}`,
      payload: { description: 'matrix' },
      headers: { 'if-match': '"webhook-endpoint.1"' },
    }),
  },
  rotateWebhookSecret: {
    success: 200,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/webhook-endpoints/${take(pools.endpoints, t)}/rotate-secret`,
      payload: {},
    }),
  },
  deleteWebhookEndpoint: {
    success: 204,
    prepare: (t) => ({ url: `/v1/tenants/${t}/webhook-endpoints/${take(pools.endpoints, t)}` }),
  },
  resendWebhookEvents: {
    success: 202,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/webhook-endpoints/${take(pools.endpoints, t)}/resend`,
      payload: { fromPosition: 0 },
    }),
  },
  listActions: {
    success: 200,
    prepare: (t) => ({ url: `/v1/tenants/${t}/actions?status=dead_letter` }),
  },
  retryAction: {
    success: 200,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/actions/${take(pools.deadLetters, t).id}/retry`,
      payload: {},
    }),
  },
  cancelAction: {
    success: 200,
    prepare: (t) => ({
      url: `/v1/tenants/${t}/actions/${take(pools.waiting, t)}/cancel`,
      payload: {},
    }),
  },
  editAndRetryAction: {
    success: 200,
    prepare: (t) => {
      const action = take(pools.deadLetters, t);
      return {
        url: `/v1/tenants/${t}/actions/${action.id}/edit-and-retry`,
        payload: { payload: orderPayloadFor(t, `E-${action.id.slice(-6).toUpperCase()}`) },
        headers: { 'if-match': `"action.${action.version}"` },
      };
    },
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
          const prepared = await requests[route.operationId]!.prepare(tenant.tenantId, seeded);
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
