import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isIllegalTransition } from '../../src/contracts/actions/action-transitions.ts';
import { isContractViolation } from '../../src/contracts/common/contract-violation.ts';
import { claimBatch } from '../../src/integration/dispatcher/claim-batch.ts';
import { recordFailure } from '../../src/integration/dispatcher/record-outcome.ts';
import { listDeadLetters, listStuckActions } from '../../src/control/remediation/list-actions.ts';
import {
  cancelAction,
  editAndRetryAction,
  retryAction,
} from '../../src/control/remediation/operator-actions.ts';
import type { TenantTx } from '../../src/platform/db/database.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, payloadFor, seedTenant, type SeededTenant } from './support/seed.ts';

let test: TestDatabase;
let tenant: SeededTenant;
const inTenant = <T>(work: (tx: TenantTx) => Promise<T>) =>
  test.db.withTenant(tenant.tenantId, work);

async function deadLetter(reference: string): Promise<string> {
  const action = await enqueue(test.db, tenant, 'create_pos_order', reference);
  const claimed = await claimBatch(test.db, {
    queue: 'pos',
    workerId: 'w',
    limit: 10,
    leaseMs: 60_000,
    skipTenants: [],
  });
  const mine = claimed.find((c) => c.id === action.id)!;
  await recordFailure(test.db, mine, undefined, {
    error: { code: 'order_rejected_item_unavailable', message: 'sold out', retryable: false },
    retryInMs: undefined,
    timeout: false,
    rejected: true,
  });
  return action.id;
}

async function row(id: string) {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const found = await tx.query<{
      status: string;
      max_attempts: number;
      payload: { notes?: string };
    }>('select status, max_attempts, payload from actions where id = $1', [id]);
    return found.rows[0]!;
  });
}

before(async () => {
  test = await createTestDatabase();
  tenant = await seedTenant(test.db, 'Remedy Bistro');
});
after(async () => {
  await test.close();
});

describe('operator remediation', () => {
  it('lists dead letters and retries one (DEAD_LETTER → RETRYING), audited and evented', async () => {
    const id = await deadLetter('M-1');
    const dead = await inTenant((tx) => listDeadLetters(tx));
    assert.ok(
      dead.some(
        (action) =>
          action.id === id && action.lastError?.code === 'order_rejected_item_unavailable',
      ),
    );
    const ctx = { tenantId: tenant.tenantId, operator: 'op-anna', note: 'item back in stock' };
    assert.equal(await inTenant((tx) => retryAction(tx, ctx, id)), 'RETRYING');
    const after = await row(id);
    assert.equal(after.status, 'RETRYING');
    assert.equal(after.max_attempts, 1 + 3);
    const audit = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query<{ seq: string; actor: string; action: string; hash: Buffer }>(
        `select seq, actor, action, hash from audit_log where resource_id = $1`,
        [id],
      ),
    );
    assert.equal(audit.rowCount, 1);
    assert.equal(audit.rows[0]!.action, 'action.retry');
    assert.equal(audit.rows[0]!.hash.length, 32);
    const event = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query(
        `select 1 from events where payload->>'action_id' = $1 and payload->>'event' = 'operator_retry' and payload->>'actor' = 'operator'`,
        [id],
      ),
    );
    assert.equal(event.rowCount, 1);
  });

  it('edit-and-retry validates the payload by its contract, then stores it', async () => {
    const id = await deadLetter('M-2');
    const ctx = { tenantId: tenant.tenantId, operator: 'op-anna' };
    await assert.rejects(
      inTenant((tx) => editAndRetryAction(tx, ctx, id, { order_reference: 'M-2' })),
      isContractViolation,
    );
    assert.equal((await row(id)).status, 'DEAD_LETTER', 'a rejected edit changes nothing');
    const corrected = {
      ...(payloadFor('create_pos_order', tenant, 'M-2') as object),
      notes: 'no olives',
    };
    assert.equal(await inTenant((tx) => editAndRetryAction(tx, ctx, id, corrected)), 'RETRYING');
    assert.equal((await row(id)).payload.notes, 'no olives');
  });

  it('cancels a pending action, refuses illegal moves, and lists stuck work', async () => {
    const pending = await enqueue(test.db, tenant, 'create_pos_order', 'M-3');
    const stuck = await inTenant((tx) => listStuckActions(tx, { overdueMs: 0 }));
    assert.ok(stuck.some((action) => action.id === pending.id));
    const ctx = { tenantId: tenant.tenantId, operator: 'op-bob' };
    assert.equal(await inTenant((tx) => cancelAction(tx, ctx, pending.id)), 'CANCELED');
    await assert.rejects(
      inTenant((tx) => retryAction(tx, ctx, pending.id)),
      isIllegalTransition,
    );
    const seqs = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query<{ seq: string }>('select seq from audit_log order by seq'),
    );
    assert.deepEqual(
      seqs.rows.map((r) => Number(r.seq)),
      [1, 2, 3],
    );
  });
});
