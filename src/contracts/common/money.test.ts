import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { currencyMinorDigits, toMinorUnits } from './money.ts';

void describe('money in minor units', () => {
  void it('knows the minor digits of common currencies', () => {
    assert.equal(currencyMinorDigits('EUR'), 2);
    assert.equal(currencyMinorDigits('JPY'), 0);
    assert.equal(currencyMinorDigits('KWD'), 3);
  });

  void it('converts menu prices exactly, rounding half away from zero', () => {
    assert.equal(toMinorUnits(2.5, 'EUR'), 250);
    assert.equal(toMinorUnits(2.675, 'EUR'), 268);
    assert.equal(toMinorUnits(1.005, 'EUR'), 101);
    assert.equal(toMinorUnits(-2, 'EUR'), -200);
    assert.equal(toMinorUnits(-0.005, 'EUR'), -1);
    assert.equal(toMinorUnits(1200, 'JPY'), 1200);
    assert.equal(toMinorUnits(0, 'EUR'), 0);
    assert.throws(() => toMinorUnits(Number.NaN, 'EUR'), RangeError);
  });

  void it('round-trips every two-decimal amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (cents) => {
        assert.equal(toMinorUnits(cents / 100, 'EUR'), cents);
      }),
    );
  });
});
