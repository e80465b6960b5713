import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyUtteranceEnding,
  trailingDigitRun,
  normaliseTranscript,
} from './utterance-ending.ts';

function kindOf(text: string): string {
  const ending = classifyUtteranceEnding(text);
  return ending.kind === 'open' ? 'open' : `${ending.kind}:${ending.cue}`;
}

describe('classifyUtteranceEnding', () => {
  it('hears a phone number in progress, in words or numerals', () => {
    assert.equal(kindOf('my number is five five five'), 'incomplete:phone_number');
    assert.equal(kindOf('it is 555 12'), 'incomplete:phone_number');
    assert.equal(kindOf('oh six, one two three four'), 'incomplete:phone_number');
    assert.equal(kindOf('five five five, twelve thirty four'), 'incomplete:phone_number');
  });

  it('hears a complete phone number', () => {
    assert.equal(
      kindOf('my number is five five five one two three four five six seven'),
      'complete:phone_number',
    );
    assert.equal(kindOf('555-123-4567'), 'complete:phone_number');
    assert.equal(
      kindOf('oh six double one two three, four five six seven'),
      'complete:phone_number',
    );
    assert.equal(kindOf('+31 6 12345678'), 'complete:phone_number');
  });

  it('hears an address that is not finished', () => {
    assert.equal(kindOf('my address is 42'), 'incomplete:address');
    assert.equal(kindOf('deliver to forty two Maple'), 'incomplete:address');
    assert.equal(kindOf('can you deliver to Maple Avenue'), 'incomplete:address');
    assert.equal(kindOf('my address is 42 Maple Avenue'), 'open');
    assert.equal(kindOf('the address is Keizersgracht 12'), 'open');
  });

  it('hears a trailing conjunction, preposition, article, filler or request verb', () => {
    for (const text of [
      'a pepperoni pizza and',
      'a burger with',
      "I'll have a",
      'can I get the',
      'two cokes uh',
      'um',
      'can I get',
      "I'd like to order",
      'a salad with no',
      'my name is',
    ]) {
      assert.equal(kindOf(text), 'incomplete:trailing_word', text);
    }
  });

  it('hears a quantity still waiting for its item', () => {
    for (const text of ['I would like two large', 'can I have two', 'and a couple', 'three']) {
      assert.equal(kindOf(text), 'incomplete:quantity', text);
    }
  });

  it('hears clearly complete answers and closings', () => {
    for (const text of ['yes', 'Yes.', 'no', 'Nope!', 'No, thanks', "that's right", 'delivery']) {
      assert.equal(kindOf(text), 'complete:short_answer', text);
    }
    for (const text of [
      "that's all",
      'two cokes and that’s it',
      'thank you',
      'a coke, thanks',
      'that will be all thanks',
    ]) {
      assert.equal(kindOf(text), 'complete:closing_phrase', text);
    }
  });

  it('has no cue for an ordinary finished or unclear sentence', () => {
    for (const text of [
      'two large pepperoni pizzas',
      "I'll take that",
      'a coke instead',
      'for pickup please',
      'what do you have',
      'dine in',
      '',
    ]) {
      assert.equal(kindOf(text), 'open', text);
    }
  });
});

describe('trailingDigitRun', () => {
  it('counts digits spoken as words, numerals, tens and repeats', () => {
    assert.deepEqual(trailingDigitRun(normaliseTranscript('call me on 06-1234')), {
      digits: 6,
      tokens: 1,
    });
    assert.equal(trailingDigitRun(normaliseTranscript('forty two')).digits, 2);
    assert.equal(trailingDigitRun(normaliseTranscript('eight hundred')).digits, 3);
    assert.equal(trailingDigitRun(normaliseTranscript('triple five')).digits, 3);
    assert.equal(trailingDigitRun(normaliseTranscript('pizza')).digits, 0);
  });
});
