import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { longestDigitRun } from './contact.ts';
import { countAnswer } from './count-answer.ts';

describe('the count in an answer to "how many?"', () => {
  test('the first spoken count; none is zero; articles and "oh" are no count', () => {
    assert.equal(countAnswer('no, four'), 4);
    assert.equal(countAnswer('just one please'), 1);
    assert.equal(countAnswer('four coca colas'), 4);
    assert.equal(countAnswer('twenty two'), 22);
    assert.equal(countAnswer('a couple'), 2);
    assert.equal(countAnswer('none of those'), 0);
    assert.equal(countAnswer('no, a coke'), undefined);
    assert.equal(countAnswer('oh'), undefined);
    assert.equal(countAnswer('yes that is right'), undefined);
  });
});

describe('the longest run of digits', () => {
  test('spoken or written, across pauses, with a plus', () => {
    assert.equal(longestDigitRun('it ends in four five'), '45');
    assert.equal(longestDigitRun('two three, four'), '234');
    assert.equal(longestDigitRun('plus three one six'), '+316');
    assert.equal(longestDigitRun('yes'), '');
  });
});
