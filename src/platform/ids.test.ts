import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUuid, newId } from './ids.ts';

describe('newId', () => {
  it('makes RFC 9562 version-7 UUIDs that sort by creation time', () => {
    const early = newId(1_700_000_000_000);
    const late = newId(1_700_000_000_001);
    assert.ok(isUuid(early));
    assert.equal(early[14], '7');
    assert.match(early[19]!, /[89ab]/);
    assert.ok(early < late);
    assert.equal(new Set(Array.from({ length: 1000 }, () => newId())).size, 1000);
  });
});
