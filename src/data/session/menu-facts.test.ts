import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localIsoDateTime } from './menu-facts.ts';

void describe('localIsoDateTime (the time printed on a kitchen ticket)', () => {
  void it('writes the restaurant wall-clock time with its offset, winter and summer', () => {
    const winter = new Date('2026-01-07T18:30:05Z');
    const summer = new Date('2026-07-07T18:30:05Z');
    assert.equal(localIsoDateTime(winter, 'Europe/Amsterdam'), '2026-01-07T19:30:05+01:00');
    assert.equal(localIsoDateTime(summer, 'Europe/Amsterdam'), '2026-07-07T20:30:05+02:00');
    assert.equal(localIsoDateTime(winter, 'America/New_York'), '2026-01-07T13:30:05-05:00');
  });

  void it('crosses midnight into the local date and stays the same instant', () => {
    const instant = new Date('2026-03-01T23:45:00Z');
    const local = localIsoDateTime(instant, 'Asia/Tokyo');
    assert.equal(local, '2026-03-02T08:45:00+09:00');
    assert.equal(new Date(local).getTime(), instant.getTime());
  });
});
