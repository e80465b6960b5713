import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settleWithin } from './clock.ts';

describe('settleWithin', () => {
  it('returns the value when the work finishes first, and timeout otherwise', async () => {
    assert.equal(await settleWithin(Promise.resolve(7), 1000), 7);
    assert.equal(await settleWithin(new Promise(() => undefined), 10), 'timeout');
  });

  it('leaves no timer behind that would keep the process alive', async () => {
    await settleWithin(Promise.resolve('done'), 60_000);
    const timers = (process as unknown as { getActiveResourcesInfo(): string[] })
      .getActiveResourcesInfo()
      .filter((kind) => kind === 'Timeout');
    assert.equal(timers.length, 0);
  });
});
