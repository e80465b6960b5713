import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { correctPhone } from './phone-correction.ts';

const readBack = '+31612305678'; // "06 1230 5678" for 06 1234 5678

describe('a part of the number said to correct it', () => {
  test('the last digits after "ends in" / "the last … are"', () => {
    assert.equal(correctPhone(readBack, 'no, it ends in four five', '31'), '+31612305645');
    assert.equal(correctPhone(readBack, 'the last two are 4 5', '31'), '+31612305645');
  });

  test('a group goes where it differs least, in national form', () => {
    assert.equal(correctPhone(readBack, 'one two three four', '31'), '+31612345678');
    assert.equal(correctPhone(readBack, 'no, two three four', '31'), '+31612345678');
    assert.equal(correctPhone('+31812345678', 'zero six one', '31'), '+31612345678');
    assert.equal(correctPhone('+441632960961', '960 951', '31'), '+441632960951');
  });

  test('a group as read back in its numbering plan, abroad or at home', () => {
    // "+1 212 555 0147" at a Dutch restaurant, "212 555 0147" at an American one.
    assert.equal(correctPhone('+12125550147', 'no, it ends in four eight', '31'), '+12125550148');
    assert.equal(correctPhone('+12125550147', 'no, it ends in four eight', '1'), '+12125550148');
    assert.equal(correctPhone('+12125550147', 'no, two one three', '31'), '+12135550147');
    // "+44 20 7946 0958": the group "7947" said again.
    assert.equal(correctPhone('+442079460958', 'seven nine four seven', '31'), '+442079470958');
    // "06 1230 5678": the group of four said again.
    assert.equal(correctPhone(readBack, 'no, one two three four', '31'), '+31612345678');
  });

  test('nothing when the part is too short, fits nowhere, fits twice or changes nothing', () => {
    assert.equal(correctPhone(readBack, 'four five', '31'), undefined);
    assert.equal(correctPhone(readBack, 'nine nine nine', '31'), undefined);
    assert.equal(correctPhone('+31611111111', 'one one two', '31'), undefined);
    assert.equal(correctPhone(readBack, 'two three oh', '31'), undefined);
    assert.equal(correctPhone(readBack, 'no', '31'), undefined);
    // A whole number is a new number, not a part.
    assert.equal(correctPhone(readBack, '06 1234 5678', '31'), undefined);
  });
});
