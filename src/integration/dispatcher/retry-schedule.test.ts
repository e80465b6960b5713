import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffDelayMs,
  defaultRetrySchedules,
  standardWebhookDelaysMs,
} from './retry-schedule.ts';

void describe('retry schedules', () => {
  void it('follows the Standard Webhooks schedule for webhooks, ±10 %, the last delay repeating', () => {
    const webhook = defaultRetrySchedules.webhook;
    const expected = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
    assert.deepEqual(standardWebhookDelaysMs, expected);
    for (const [index, baseMs] of [...expected, 36_000_000].entries()) {
      const attempt = index + 1;
      assert.equal(
        backoffDelayMs(webhook, attempt, undefined, () => 0.5),
        baseMs,
      );
      assert.equal(
        backoffDelayMs(webhook, attempt, undefined, () => 0),
        Math.round(baseMs * 0.9),
      );
      assert.equal(
        backoffDelayMs(webhook, attempt, undefined, () => 1),
        Math.round(baseMs * 1.1),
      );
    }
  });

  void it('takes Retry-After as a floor, never shortening the schedule', () => {
    const webhook = defaultRetrySchedules.webhook;
    assert.equal(
      backoffDelayMs(webhook, 1, 60_000, () => 0.5),
      60_000,
    );
    assert.equal(
      backoffDelayMs(webhook, 2, 60_000, () => 0.5),
      300_000,
    );
  });

  void it('keeps decorrelated jitter within its bounds for the other types', () => {
    const pos = defaultRetrySchedules.create_pos_order;
    for (let attempt = 1; attempt <= 10; attempt++) {
      const delayMs = backoffDelayMs(pos, attempt);
      assert.ok(delayMs >= 0 && delayMs <= pos.maxDelayMs, `${attempt}: ${delayMs}`);
    }
  });
});
