import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventSubscriber } from '../../src/integration/replay/replay-events.ts';
import { replayEvents } from '../../src/integration/replay/replay-events.ts';
import { readCheckpoint } from '../../src/integration/replay/subscriber-checkpoint.ts';
import { appRole } from '../../src/platform/db/app-role.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { seedTenant, type SeededTenant } from './support/seed.ts';
import { appendOverflowToggled } from './support/webhooks.ts';

let test: TestDatabase;
let tenant: SeededTenant;
let other: SeededTenant;
const eventCount = 25;

/** A subscriber whose effect is a row per applied event; `onApply` may throw or abort. */
function effectsSubscriber(name: string, onApply?: (position: number) => void): EventSubscriber {
  return {
    name,
    async apply(tx, stored) {
      onApply?.(stored.position);
      await tx.query(
        `insert into replay_effects (tenant_id, subscriber, event_id, position) values ($1, $2, $3, $4)`,
        [tx.tenantId, name, stored.event.id, stored.position],
      );
    },
  };
}

async function effects(name: string): Promise<number[]> {
  const rows = await test.owner.query<{ position: string }>(
    `select position from replay_effects where subscriber = $1 order by position`,
    [name],
  );
  return rows.rows.map((row) => Number(row.position));
}

const positions = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

before(async () => {
  test = await createTestDatabase();
  // The test subscriber's own state: one row per applied event, duplicates allowed (and counted).
  await test.owner.query(
    `create table replay_effects (tenant_id uuid not null, subscriber text not null, event_id uuid not null, position bigint not null)`,
  );
  await test.owner.query(`grant select, insert on replay_effects to ${appRole}`);
  tenant = await seedTenant(test.db, 'Replay Grill');
  other = await seedTenant(test.db, 'Other Grill');
  for (let i = 0; i < eventCount; i++) await appendOverflowToggled(test.db, tenant, i % 2 === 0);
  await appendOverflowToggled(test.db, other);
});
after(async () => {
  await test.close();
});

describe('event replay', () => {
  it('streams every event after the position in order, in batches, and advances the checkpoint', async () => {
    const result = await replayEvents({
      db: test.db,
      tenantId: tenant.tenantId,
      fromPosition: 0,
      subscriber: effectsSubscriber('all'),
      signal: AbortSignal.timeout(30_000),
      batchSize: 7,
    });
    assert.deepEqual(result, { position: eventCount, applied: eventCount, batches: 4 });
    assert.deepEqual(await effects('all'), positions(1, eventCount), 'only this tenant, in order');
    const again = await replayEvents({
      db: test.db,
      tenantId: tenant.tenantId,
      fromPosition: 0,
      subscriber: effectsSubscriber('all'),
      signal: AbortSignal.timeout(30_000),
    });
    assert.equal(again.applied, 0, 'the checkpoint makes a second run a no-op');
  });

  it('applies each effect exactly once when a replay crashes midway and is restarted', async () => {
    let crash = true;
    const subscriber = effectsSubscriber('crashy', (position) => {
      if (crash && position === 13) throw new Error('process died');
    });
    const run = () =>
      replayEvents({
        db: test.db,
        tenantId: tenant.tenantId,
        fromPosition: 0,
        subscriber,
        signal: AbortSignal.timeout(30_000),
        batchSize: 5,
      });
    await assert.rejects(run(), /process died/);
    assert.deepEqual(await effects('crashy'), positions(1, 10), 'the failed batch rolled back');
    assert.equal(
      await test.db.withTenant(tenant.tenantId, (tx) => readCheckpoint(tx, 'crashy')),
      10,
    );
    crash = false;
    const result = await run();
    assert.equal(result.applied, eventCount - 10);
    assert.deepEqual(await effects('crashy'), positions(1, eventCount));
  });

  it('stops on abort and resumes after the last committed batch', async () => {
    const controller = new AbortController();
    const subscriber = effectsSubscriber('aborted', (position) => {
      if (position === 8) controller.abort();
    });
    await assert.rejects(
      replayEvents({
        db: test.db,
        tenantId: tenant.tenantId,
        fromPosition: 0,
        subscriber,
        signal: controller.signal,
        batchSize: 3,
      }),
    );
    assert.deepEqual(await effects('aborted'), positions(1, 6));
    await replayEvents({
      db: test.db,
      tenantId: tenant.tenantId,
      fromPosition: 0,
      subscriber,
      signal: AbortSignal.timeout(30_000),
      batchSize: 3,
    });
    assert.deepEqual(await effects('aborted'), positions(1, eventCount));
  });

  it('starts after fromPosition and lets concurrent replays of one subscriber apply once', async () => {
    const replay = () =>
      replayEvents({
        db: test.db,
        tenantId: tenant.tenantId,
        fromPosition: 15,
        subscriber: effectsSubscriber('late'),
        signal: AbortSignal.timeout(30_000),
        batchSize: 2,
      });
    const results = await Promise.all([replay(), replay(), replay()]);
    assert.equal(
      results.reduce((sum, result) => sum + result.applied, 0),
      eventCount - 15,
    );
    assert.deepEqual(await effects('late'), positions(16, eventCount));
  });
});
