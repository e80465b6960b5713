import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClaimAhead } from './claim-ahead.ts';

void describe('claim ahead (ADR 0016)', () => {
  void it('claims only for idle slots until it has seen how long a call takes', () => {
    const ahead = new ClaimAhead({ concurrency: 8, prefetch: 8, startWithinMs: 10_000 });
    assert.equal(ahead.wanted(3), 3);
    assert.equal(ahead.wanted(0), 0);
  });

  void it('holds about concurrency × target wait / call time ahead, at most its prefetch', () => {
    const quick = new ClaimAhead({ concurrency: 8, prefetch: 8, startWithinMs: 10_000 });
    quick.observeCall(5);
    assert.equal(quick.wanted(0), 8, 'quick calls: the whole prefetch');
    const slow = new ClaimAhead({ concurrency: 8, prefetch: 8, startWithinMs: 10_000 });
    slow.observeCall(10_000);
    assert.equal(slow.wanted(0), 0, 'slow calls: nothing ahead');
    assert.equal(slow.wanted(2), 2, 'but idle slots still get work');
    const middle = new ClaimAhead({ concurrency: 8, prefetch: 8, startWithinMs: 10_000 });
    middle.observeCall(400);
    assert.equal(middle.wanted(0), 4, '8 × 200 ms / 400 ms');
  });

  void it('refills in batches rather than one action at a time', () => {
    const ahead = new ClaimAhead({ concurrency: 4, prefetch: 8, startWithinMs: 10_000 });
    ahead.observeCall(1);
    ahead.add(
      Array.from(
        { length: 6 },
        (_, i) => ({ leaseDeadlineMs: 0, leaseMs: 0, id: `${i}` }) as never,
      ),
    );
    assert.equal(ahead.wanted(0), 0, 'two short of full: wait');
    ahead.takeAll();
    assert.equal(ahead.wanted(0), 8);
  });

  void it('claims nothing ahead when the lease leaves no time to wait', () => {
    const ahead = new ClaimAhead({ concurrency: 4, prefetch: 8, startWithinMs: 0 });
    ahead.observeCall(1);
    assert.equal(ahead.maxPrefetch, 0);
    assert.equal(ahead.wanted(0), 0);
    assert.equal(ahead.wanted(2), 2);
    // Claimed for free slots only, so started at once however long the claim took.
    ahead.add([{ leaseDeadlineMs: 1_000, leaseMs: 1_000 } as never]);
    assert.equal(ahead.next(60_000)!.stale, false);
  });

  void it('reports an action stale once it has waited past startWithinMs since its claim', () => {
    const ahead = new ClaimAhead({ concurrency: 1, prefetch: 1, startWithinMs: 1_000 });
    const action = { leaseDeadlineMs: 60_000 + 100, leaseMs: 60_000 } as never;
    ahead.add([action, action]);
    assert.equal(ahead.next(1_000)!.stale, false);
    assert.equal(ahead.next(1_101)!.stale, true);
    assert.equal(ahead.next(), undefined);
  });
});
