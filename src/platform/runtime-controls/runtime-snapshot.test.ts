import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagOnFor, rolloutBucket } from './flag-rollout.ts';
import { RuntimeSnapshot } from './runtime-snapshot.ts';

const tenantA = '0190a000-0000-7000-8000-00000000000a';
const tenantB = '0190a000-0000-7000-8000-00000000000b';
const location = '0190a000-0000-7000-8000-0000000000c1';
const otherLocation = '0190a000-0000-7000-8000-0000000000c2';
const tenants = Array.from(
  { length: 2000 },
  (_, i) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
);

describe('flag rollout', () => {
  it('buckets are deterministic, 0–99, and independent per flag', () => {
    assert.equal(rolloutBucket('a', tenantA), rolloutBucket('a', tenantA));
    const buckets = tenants.map((t) => rolloutBucket('new-greeting', t));
    assert.ok(buckets.every((b) => Number.isInteger(b) && b >= 0 && b < 100));
    const other = tenants.map((t) => rolloutBucket('other-flag', t));
    assert.ok(buckets.some((b, i) => b !== other[i]));
  });

  it('a percentage reaches about that share of tenants, and raising it keeps the earlier ones', () => {
    const flag = (rolloutPercent: number) => ({
      key: 'new-greeting',
      enabled: true,
      allowTenantIds: [],
      denyTenantIds: [],
      rolloutPercent,
    });
    const at10 = tenants.filter((t) => flagOnFor(flag(10), t));
    const at20 = new Set(tenants.filter((t) => flagOnFor(flag(20), t)));
    assert.ok(at10.length > 140 && at10.length < 260, `10 % gave ${at10.length} of 2000`);
    assert.ok(at10.every((t) => at20.has(t)));
    assert.equal(tenants.filter((t) => flagOnFor(flag(0), t)).length, 0);
    assert.equal(tenants.filter((t) => flagOnFor(flag(100), t)).length, tenants.length);
  });

  it('deny beats allow beats rollout; a disabled flag is off for everyone', () => {
    const base = { key: 'k', enabled: true, rolloutPercent: 100, allowTenantIds: [tenantA] };
    assert.equal(flagOnFor({ ...base, denyTenantIds: [tenantA] }, tenantA), false);
    assert.equal(flagOnFor({ ...base, rolloutPercent: 0, denyTenantIds: [] }, tenantA), true);
    assert.equal(flagOnFor({ ...base, rolloutPercent: 0, denyTenantIds: [] }, tenantB), false);
    assert.equal(flagOnFor({ ...base, enabled: false, denyTenantIds: [] }, tenantA), false);
  });
});

describe('runtime snapshot', () => {
  it('scopes overflow_off to the platform, a tenant, or one location', () => {
    const perLocation = new RuntimeSnapshot(
      [],
      [{ tenantId: tenantA, kind: 'overflow_off', target: null, locationId: location }],
    );
    assert.equal(perLocation.isOverflowOff(tenantA, location), true);
    assert.equal(perLocation.isOverflowOff(tenantA, otherLocation), false);
    assert.equal(perLocation.isOverflowOff(tenantA), false);
    assert.equal(perLocation.isOverflowOff(tenantB, location), false);
    const perTenant = new RuntimeSnapshot(
      [],
      [{ tenantId: tenantA, kind: 'overflow_off', target: null, locationId: null }],
    );
    assert.equal(perTenant.isOverflowOff(tenantA, otherLocation), true);
    assert.equal(perTenant.isOverflowOff(tenantB), false);
    const global = new RuntimeSnapshot(
      [],
      [{ tenantId: null, kind: 'overflow_off', target: null, locationId: null }],
    );
    assert.equal(global.isOverflowOff(tenantB, location), true);
  });

  it('answers integration and vendor switches per tenant and globally', () => {
    const snapshot = new RuntimeSnapshot(
      [],
      [
        { tenantId: tenantA, kind: 'integration_off', target: 'pos', locationId: null },
        { tenantId: null, kind: 'integration_off', target: 'messaging', locationId: null },
        { tenantId: tenantB, kind: 'vendor_off', target: 'deepgram', locationId: null },
        { tenantId: null, kind: 'vendor_off', target: 'openai', locationId: null },
      ],
    );
    assert.equal(snapshot.isIntegrationOff(tenantA, 'pos'), true);
    assert.equal(snapshot.isIntegrationOff(tenantB, 'pos'), false);
    assert.equal(snapshot.isIntegrationOff(tenantA, 'printer'), false);
    assert.equal(snapshot.isIntegrationOff(tenantB, 'messaging'), true);
    assert.deepEqual(snapshot.integrationOffTenants('pos'), [tenantA]);
    assert.equal(snapshot.integrationOffTenants('messaging'), 'all');
    assert.deepEqual(snapshot.integrationOffTenants('printer'), []);
    assert.equal(snapshot.isVendorOff('deepgram', tenantB), true);
    assert.equal(snapshot.isVendorOff('deepgram', tenantA), false);
    assert.equal(snapshot.isVendorOff('deepgram'), false);
    assert.equal(snapshot.isVendorOff('openai'), true);
  });

  it('an unknown flag is off', () => {
    assert.equal(RuntimeSnapshot.empty.flagEnabled('nope', tenantA), false);
  });
});
