import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ContractViolationError } from '../../contracts/common/contract-violation.ts';
import { exampleOrderDraft } from '../../contracts/testing/index.ts';
import { newId } from '../ids.ts';
import { actionsChannel, appendEvent, enqueueAction } from './outbox.ts';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';

let test: TestDatabase;
const tenantId = newId();
const locationId = newId();

before(async () => {
  test = await createTestDatabase();
  await test.db.withTenant(tenantId, async (tx) => {
    await tx.query(
      `insert into tenants (id, name, slug) values ($1, 'Outbox Diner', 'outbox-diner')`,
      [tenantId],
    );
    await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      tenantId,
      locationId,
    ]);
  });
});
after(async () => {
  await test.close();
});

function draft(reference: string) {
  return {
    ...exampleOrderDraft(),
    tenant_id: tenantId,
    location_id: locationId,
    order_reference: reference,
  };
}

async function orderDrafted(
  tx: Parameters<Parameters<TestDatabase['db']['withTenant']>[1]>[0],
  reference: string,
  actionId: string,
) {
  return appendEvent(tx, {
    type: 'OrderDrafted',
    sessionId: null,
    correlationId: newId(),
    payload: {
      order_reference: reference,
      location_id: locationId,
      action_id: actionId,
      currency: 'EUR',
      line_count: 2,
      total_minor: 3750,
      fulfilment: 'delivery',
      requested_time: 'asap',
    },
  });
}

async function counts() {
  return test.db.withTenant(tenantId, async (tx) => {
    const actions = await tx.query<{ n: number }>('select count(*)::int as n from actions');
    const events = await tx.query<{ n: number }>('select count(*)::int as n from events');
    return { actions: actions.rows[0]!.n, events: events.rows[0]!.n };
  });
}

describe('outbox', () => {
  it('writes the action and its event together, and wakes dispatchers only at commit', async () => {
    const listener = new pg.Client({ connectionString: test.appUrl });
    await listener.connect();
    const notified: string[] = [];
    listener.on('notification', (message) => notified.push(message.payload ?? ''));
    await listener.query(`listen ${actionsChannel}`);
    try {
      const before = await counts();
      await test.db.withTenant(tenantId, async (tx) => {
        const action = await enqueueAction(tx, {
          type: 'create_pos_order',
          payload: draft('A-1'),
          sessionId: null,
          correlationId: newId(),
          dedupeKey: 'A-1',
        });
        assert.equal(action.created, true);
        await orderDrafted(tx, 'A-1', action.id);
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual(notified, [], 'no wake-up before commit');
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(notified, ['pos']);
      assert.deepEqual(await counts(), { actions: before.actions + 1, events: before.events + 1 });
      const row = await test.db.withTenant(tenantId, (tx) =>
        tx.query(
          `select status, queue, attempt from actions where payload->>'order_reference' = 'A-1'`,
        ),
      );
      assert.deepEqual(row.rows, [{ status: 'PENDING', queue: 'pos', attempt: 0 }]);
    } finally {
      await listener.end();
    }
  });

  it('leaves neither action nor event when the transaction rolls back', async () => {
    const before = await counts();
    await assert.rejects(
      test.db.withTenant(tenantId, async (tx) => {
        const action = await enqueueAction(tx, {
          type: 'create_pos_order',
          payload: draft('A-2'),
          sessionId: null,
          correlationId: newId(),
          dedupeKey: 'A-2',
        });
        await orderDrafted(tx, 'A-2', action.id);
        throw new Error('caller hung up before commit');
      }),
      /caller hung up/,
    );
    assert.deepEqual(await counts(), before);
  });

  it('stores the same effect once: the idempotency key follows the business key', async () => {
    const first = await test.db.withTenant(tenantId, (tx) =>
      enqueueAction(tx, {
        type: 'create_pos_order',
        payload: draft('A-3'),
        sessionId: null,
        correlationId: newId(),
        dedupeKey: 'A-3',
      }),
    );
    const again = await test.db.withTenant(tenantId, (tx) =>
      enqueueAction(tx, {
        type: 'create_pos_order',
        payload: draft('A-3'),
        sessionId: null,
        correlationId: newId(),
        dedupeKey: 'A-3',
      }),
    );
    assert.equal(again.created, false);
    assert.equal(again.id, first.id);
    assert.equal(again.idempotencyKey, first.idempotencyKey);
  });

  it('refuses a payload that breaks its contract, naming the field, and writes nothing', async () => {
    const before = await counts();
    const broken = { ...draft('A-4'), customer: { name: 'Anna' } };
    await assert.rejects(
      test.db.withTenant(tenantId, (tx) =>
        enqueueAction(tx, {
          type: 'create_pos_order',
          payload: broken,
          sessionId: null,
          correlationId: newId(),
          dedupeKey: 'A-4',
        }),
      ),
      (error: unknown) =>
        error instanceof ContractViolationError &&
        error.issues.some((issue) => issue.path.join('.') === 'customer.phone'),
    );
    await assert.rejects(
      test.db.withTenant(tenantId, (tx) =>
        appendEvent(tx, {
          type: 'HumanEscalated',
          sessionId: null,
          correlationId: newId(),
          payload: { mode: 'teleport' } as never,
        }),
      ),
      ContractViolationError,
    );
    assert.deepEqual(await counts(), before);
  });
});
