import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ModelPolicy, VendorRoute } from '../../contracts/routing/index.ts';
import { vendorFailoverPayload } from '../../data/routing/index.ts';
import { PostgresSessionStore } from '../../data/session/index.ts';
import type { SessionRef } from '../../data/session/index.ts';
import { newId } from '../../platform/ids.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { loadRuntimeSnapshot } from '../../platform/runtime-controls/index.ts';
import {
  buildVoiceRoute,
  createVoiceProviderRegistry,
  loadModelPolicies,
  loadTenantRoutingTraits,
  recordVendorFailover,
  recordVendorRouted,
} from './voice-routing.ts';

let test: TestDatabase;
const tenantId = newId();
const locationId = newId();
const registry = createVoiceProviderRegistry({ keys: { deepgramApiKey: 'dg-test-key' } });

const policyRouting: ModelPolicy['routing'] = {
  asr: {
    candidates: [
      { vendor: 'deepgram', model: 'nova-3', parameters: {} },
      { vendor: 'pocketsphinx', model: 'hub4wsj_sc_8k', locales: ['en'], parameters: {} },
    ],
  },
  llm: { candidates: [{ vendor: 'rules', model: 'menu-grounded', parameters: {} }] },
  tts: { candidates: [{ vendor: 'espeak-ng', model: 'espeak-ng', parameters: {} }] },
};

before(async () => {
  test = await createTestDatabase();
  await test.db.withTenant(tenantId, async (tx) => {
    await tx.query(
      `insert into tenants (id, name, slug, tier, locales) values ($1, 'Routed', 'voice-routed', 'standard', '{en-GB,nl-NL}')`,
      [tenantId],
    );
    await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      tenantId,
      locationId,
    ]);
  });
});
after(() => test.close());

async function routeNow(): Promise<VendorRoute> {
  const traits = await loadTenantRoutingTraits(test.db, tenantId);
  assert.ok(traits);
  return buildVoiceRoute({
    traits,
    policies: await loadModelPolicies(test.db),
    controls: await loadRuntimeSnapshot(test.db),
    registry,
  });
}

describe('voice routing against the database', () => {
  it('routes on the stored policy and the kill switches, and records VendorRouted and VendorFailover', async () => {
    const builtin = await routeNow();
    assert.equal(builtin.policy_id, null, 'no stored policy: the built-in defaults');
    assert.equal(builtin.locale, 'en-GB', "the tenant's first locale");
    assert.equal(builtin.asr.candidates[0]!.vendor, 'pocketsphinx');

    const policyId = newId();
    await test.db.withoutTenant((tx) =>
      tx.query(
        `insert into model_policies (id, name, priority, match, routing, enabled)
         values ($1, 'deepgram-first', 10, $2, $3, true)`,
        [policyId, JSON.stringify({ tiers: ['standard'] }), JSON.stringify(policyRouting)],
      ),
    );
    const stored = await routeNow();
    assert.equal(stored.policy_id, policyId);
    assert.deepEqual(
      stored.asr.candidates.map((c) => c.vendor),
      ['deepgram', 'pocketsphinx'],
    );

    await test.db.withTenant(tenantId, (tx) =>
      tx.query(
        `insert into tenant_kill_switches (tenant_id, id, kind, target, reason, created_by)
         values ($1, $2, 'vendor_off', 'deepgram', 'vendor incident', 'test')`,
        [tenantId, newId()],
      ),
    );
    const killed = await routeNow();
    assert.equal(killed.policy_id, policyId);
    assert.deepEqual(
      killed.asr.candidates.map((c) => c.vendor),
      ['pocketsphinx'],
    );
    assert.deepEqual(killed.asr.skipped, [
      { vendor: 'deepgram', model: 'nova-3', reason: 'killed' },
    ]);

    const session: SessionRef = {
      tenantId,
      locationId,
      sessionId: newId(),
      correlationId: newId(),
    };
    await new PostgresSessionStore(test.db).startSession({
      ...session,
      channel: 'audio-file',
      blueprintId: null,
      overlayId: null,
      configVersion: 'test',
      policy: 'rules',
      callerRef: null,
      startedAt: new Date(),
    });
    await recordVendorRouted(test.db, session, killed);
    const failover = vendorFailoverPayload(
      {
        stage: 'asr',
        from: { stage: 'asr', vendor: 'pocketsphinx', model: 'hub4wsj_sc_8k' },
        to: undefined,
        reason: 'closed',
        error: new Error('pocketsphinx closed the stream'),
      },
      { turn: 1, elapsedMs: 9000 },
    );
    await recordVendorFailover(test.db, session, failover);
    const recorded = await test.db.withTenant(tenantId, async (tx) => ({
      events: await tx.query<{ type: string; payload: unknown; correlation_id: string }>(
        'select type, payload, correlation_id from events where session_id = $1 order by seq',
        [session.sessionId],
      ),
      routing: await tx.query<{ routing: unknown }>('select routing from sessions where id = $1', [
        session.sessionId,
      ]),
    }));
    assert.deepEqual(
      recorded.events.rows.map((row) => row.type),
      ['VendorRouted', 'VendorFailover'],
    );
    assert.deepEqual(recorded.events.rows[1]!.payload, failover);
    assert.equal(recorded.events.rows[0]!.correlation_id, session.correlationId);
    assert.deepEqual(recorded.events.rows[0]!.payload, {
      locale: 'en-GB',
      asr: { provider: 'pocketsphinx', model: 'hub4wsj_sc_8k' },
      llm: { provider: 'rules', model: 'menu-grounded' },
      tts: { provider: 'espeak-ng', model: 'espeak-ng', voice: null },
      policy_id: policyId,
    });
    assert.deepEqual(recorded.routing.rows[0]!.routing, killed);
  });
});
