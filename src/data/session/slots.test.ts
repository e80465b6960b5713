import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalisePhone } from './slots.ts';

describe('normalisePhone', () => {
  test('national, international and 00 forms', () => {
    assert.equal(normalisePhone('0612345678', '31'), '+31612345678');
    assert.equal(normalisePhone('+31612345678', '31'), '+31612345678');
    assert.equal(normalisePhone('0031612345678', '31'), '+31612345678');
    assert.equal(normalisePhone('612345678', '31'), '+31612345678');
  });

  test('a country code said without its "plus" is the country code', () => {
    assert.equal(normalisePhone('31612345678', '31'), '+31612345678');
    assert.equal(normalisePhone('14155551234', '1'), '+14155551234');
    // A national number that merely starts with the code's digits stays national.
    assert.equal(normalisePhone('313123456', '31'), '+31313123456');
    assert.equal(normalisePhone('4155551234', '1'), '+14155551234');
  });
});
