import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AbortedError } from '../errors.ts';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';

let test: TestDatabase;

before(async () => {
  test = await createTestDatabase();
});
after(async () => {
  await test.close();
});

// What it writes commits with it: the dispatcher's claim tests (claim-actions, dispatcher) run on it.
describe('Database.statement (one statement, its own transaction)', () => {
  it('cancels the running statement on the server when its signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      test.db.statement('select pg_sleep(10)', [], { signal: controller.signal }),
      AbortedError,
    );
    assert.ok(Date.now() - started < 5000, 'the sleep was cancelled, not waited out');
    // The pooled connection is usable again afterwards.
    const ok = await test.db.statement<{ one: number }>('select 1 as one', []);
    assert.equal(ok.rows[0]!.one, 1);
  });

  it('does not start when its signal has already aborted', async () => {
    await assert.rejects(
      test.db.statement('select 1', [], { signal: AbortSignal.abort() }),
      AbortedError,
    );
  });

  it('passes a query error through, and leaves nothing half done', async () => {
    await assert.rejects(test.db.statement('select 1/0', []), /division by zero/);
    const ok = await test.db.statement<{ one: number }>('select 1 as one', []);
    assert.equal(ok.rows[0]!.one, 1);
  });
});
