import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { composeSessionConfig, restaurantBlueprintV1 } from '../blueprint/index.ts';
import { ContextEngine } from './context-engine.ts';
import { PostgresLocationSource } from './postgres-source.ts';
import { PostgresSessionStore } from './postgres-store.ts';
import { SessionManager } from './session-manager.ts';
import { ToolRunner } from './tool-runner.ts';

const menu = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);
let test: TestDatabase;
const tenantId = newId();
const locationId = newId();

before(async () => {
  test = await createTestDatabase();
  // Seeded with plain SQL: the data plane does not import the control plane's menu import.
  await test.db.withTenant(tenantId, async (tx) => {
    await tx.query(`insert into tenants (id, name, slug) values ($1, 'Luigi', $2)`, [
      tenantId,
      `luigi-${tenantId.slice(-8)}`,
    ]);
    await tx.query(
      `insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Centrum')`,
      [tenantId, locationId],
    );
    await tx.query(`insert into kitchen_status (tenant_id, location_id) values ($1, $2)`, [
      tenantId,
      locationId,
    ]);
    await tx.query(
      `insert into menus (tenant_id, id, location_id, version, name, currency, locale, fulfilment, document)
       values ($1, $2, $3, 1, $4, 'EUR', 'en-US', $5, $6)`,
      [
        tenantId,
        newId(),
        locationId,
        menu.name,
        JSON.stringify(menu.fulfilment),
        JSON.stringify(menu),
      ],
    );
  });
});

after(async () => {
  await test.close();
});

function manager(store = new PostgresSessionStore(test.db)) {
  return new SessionManager({
    store,
    context: new ContextEngine(new ToolRunner(new PostgresLocationSource(test.db))),
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
  });
}
const config = composeSessionConfig(restaurantBlueprintV1, {
  tenantId,
  locationId,
  restaurantName: "Luigi's Pizzeria",
});
/** The phone number is read back and confirmed before the order is. */
const ORDER = [
  'a large pepperoni pizza for pickup',
  'my name is Anna de Vries',
  '06 1234 5678',
  'yes',
];

describe('PostgresSessionStore', () => {
  it('a confirmed order writes the session row, OrderDrafted and three PENDING actions', async () => {
    const session = await manager().open({ config, channel: 'simulator' });
    for (const text of [...ORDER, 'yes']) await session.turn(text);
    assert.equal(session.outcome, 'order_created');
    const rows = await test.db.withTenant(tenantId, async (tx) => ({
      session: (
        await tx.query<{
          status: string;
          outcome: string;
          channel: string;
          metadata: { order_reference?: string };
        }>('select status, outcome, channel, metadata from sessions where id = $1', [
          session.ref.sessionId,
        ])
      ).rows,
      events: (
        await tx.query<{ type: string; payload: { order_reference?: string } }>(
          'select type, payload from events where session_id = $1 order by seq',
          [session.ref.sessionId],
        )
      ).rows,
      actions: (
        await tx.query<{ type: string; status: string }>(
          'select type, status, idempotency_key from actions where session_id = $1 order by type',
          [session.ref.sessionId],
        )
      ).rows,
    }));
    assert.equal(rows.session[0]!.status, 'completed');
    assert.equal(rows.session[0]!.outcome, 'order_created');
    assert.equal(rows.session[0]!.metadata.order_reference, session.order!.orderReference);
    assert.deepEqual(
      rows.events.map((event: { type: string }) => event.type),
      ['OrderDrafted', 'SessionCompleted'],
    );
    assert.equal(rows.events[0]!.payload.order_reference, 'A-1001');
    assert.deepEqual(
      rows.actions.map(
        (action: { type: string; status: string }) => `${action.type}:${action.status}`,
      ),
      [
        'create_pos_order:PENDING',
        'dispatch_printer_ticket:PENDING',
        'send_confirmation_message:PENDING',
      ],
    );
  });

  it('the next order at the location gets the next reference', async () => {
    const session = await manager().open({ config, channel: 'text' });
    for (const text of [...ORDER, 'yes']) await session.turn(text);
    assert.equal(session.order!.orderReference, 'A-1002');
  });

  it('a failing commit writes nothing of the order, escalates, and records the end', async () => {
    const store = new PostgresSessionStore(test.db);
    const failing = Object.create(store) as PostgresSessionStore;
    failing.commitOrder = (ref, prefix, build, signal) =>
      store.commitOrder(
        ref,
        prefix,
        (reference) => {
          const documents = build(reference);
          // Breaks the contract after the reference was taken: enqueueAction rejects it mid-transaction.
          return { ...documents, message: { ...documents.message, to: 'not a phone' } };
        },
        signal,
      );
    const session = await manager(failing).open({ config, channel: 'text' });
    for (const text of [...ORDER, 'yes']) await session.turn(text);
    assert.equal(session.outcome, 'escalated');
    const counts = await test.db.withTenant(tenantId, async (tx) => ({
      actions: (
        await tx.query<{ n: number }>(
          'select count(*)::int as n from actions where session_id = $1',
          [session.ref.sessionId],
        )
      ).rows[0]!.n,
      events: (
        await tx.query<{ type: string }>(
          'select type from events where session_id = $1 order by seq',
          [session.ref.sessionId],
        )
      ).rows.map((row: { type: string }) => row.type),
    }));
    assert.equal(counts.actions, 0);
    assert.deepEqual(counts.events, ['HumanEscalated', 'SessionCompleted']);
  });

  it('kitchen changes reach a session after invalidation', async () => {
    const engine = new ContextEngine(new ToolRunner(new PostgresLocationSource(test.db)), {
      ttlMs: 60_000,
    });
    await engine.get(tenantId, locationId);
    await test.db.withTenant(tenantId, (tx) =>
      tx.query('update kitchen_status set pickup_wait_minutes = 75 where location_id = $1', [
        locationId,
      ]),
    );
    assert.equal((await engine.get(tenantId, locationId)).kitchen.pickup_wait_minutes, 20);
    engine.invalidate(tenantId, locationId);
    assert.equal((await engine.get(tenantId, locationId)).kitchen.pickup_wait_minutes, 75);
  });
});
