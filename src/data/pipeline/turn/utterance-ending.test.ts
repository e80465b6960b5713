import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsrAnswerKind } from '../asr/asr-provider.ts';
import {
  classifyUtteranceEnding,
  trailingDigitRun,
  normaliseTranscript,
} from './utterance-ending.ts';

function kindOf(text: string, expected?: AsrAnswerKind): string {
  const ending = classifyUtteranceEnding(text, expected);
  return ending.kind === 'open' ? 'open' : `${ending.kind}:${ending.cue}`;
}

/** The cue with its grade: `incomplete:quantity/moderate`. */
function gradeOf(text: string, expected?: AsrAnswerKind): string {
  const ending = classifyUtteranceEnding(text, expected);
  return ending.kind === 'incomplete'
    ? `${kindOf(text, expected)}/${ending.wait}`
    : kindOf(text, expected);
}

const { order, moreOrDone, option, fulfilment, yesNo, name, phone, address, free } = AsrAnswerKind;

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

describe('classifyUtteranceEnding, graded', () => {
  it('waits longest where the caller is surely mid-way: digits, a trailing "and" or "uh"', () => {
    assert.equal(gradeOf('my number is five five five'), 'incomplete:phone_number/extended');
    for (const text of ['a pepperoni pizza and', 'two cokes uh', 'um', 'a coke or'])
      assert.equal(gradeOf(text), 'incomplete:trailing_word/extended', text);
    assert.equal(gradeOf('my address is 42'), 'incomplete:address/extended');
  });

  it('waits less for a dangling quantity or a phrase cut before its noun', () => {
    for (const text of ['I would like two large', 'can I have two'])
      assert.equal(gradeOf(text), 'incomplete:quantity/moderate', text);
    for (const text of ['can I get the', 'a burger with', "I'd like to order", 'my name is'])
      assert.equal(gradeOf(text), 'incomplete:trailing_word/moderate', text);
  });
});

describe('classifyUtteranceEnding with the expected answer', () => {
  it('hears digits as a phone number only where one can be the answer', () => {
    // Asked for a phone number: from the first digit, and complete at ten.
    assert.equal(gradeOf('oh six', phone), 'incomplete:phone_number/extended');
    assert.equal(
      gradeOf('oh six one two three four five', phone),
      'incomplete:phone_number/extended',
    );
    assert.equal(
      kindOf('oh six one two three four five six seven eight', phone),
      'complete:phone_number',
    );
    // Nothing in particular asked: as without an expectation.
    assert.equal(kindOf('five five five', free), 'incomplete:phone_number');
    // Asked something else: stray digits (a misheard "no, that's all") extend nothing.
    for (const expected of [moreOrDone, yesNo, fulfilment, name, order, option])
      assert.equal(kindOf('nine five two one', expected), 'open', expected);
    assert.equal(kindOf('yes five five five', yesNo), 'open');
  });

  it('needs a country code and one digit more for an international number', () => {
    const international = 'plus three one six one two three four five six seven';
    // Ten digits after "plus": one short, which is as likely a dropped digit as one to come.
    assert.equal(gradeOf(international, phone), 'incomplete:phone_number/moderate');
    assert.equal(kindOf(`${international} eight`, phone), 'complete:phone_number');
    assert.equal(kindOf('+31 6 1234567', phone), 'incomplete:phone_number');
    assert.equal(kindOf('+31 6 12345678', phone), 'complete:phone_number');
    assert.equal(
      kindOf('zero zero three one six one two three four five', phone),
      'incomplete:phone_number',
    );
  });

  it('keeps one dangling quantity while an order is given, not a string of digits', () => {
    for (const expected of [order, moreOrDone, option]) {
      assert.equal(gradeOf('can I have two', expected), 'incomplete:quantity/moderate', expected);
      assert.equal(kindOf('and twenty four', expected), 'incomplete:quantity', expected);
      assert.equal(kindOf('I would like two large', expected), 'incomplete:quantity', expected);
      assert.equal(kindOf('five five five', expected), 'open', expected);
    }
  });

  it('hears an unfinished address without a cue phrase only when an address is asked for', () => {
    assert.equal(kindOf('forty two', address), 'incomplete:address');
    assert.equal(kindOf('Maple Avenue', address), 'incomplete:address');
    assert.equal(kindOf('it is forty two Maple Avenue', address), 'open');
    assert.equal(kindOf('Keizersgracht 12', address), 'open');
    assert.equal(kindOf('uh', address), 'incomplete:trailing_word');
    // Not asked for: a house number alone is no address.
    assert.equal(kindOf('forty two', yesNo), 'open');
    // An explicit "deliver to" is the caller's own word for it, whatever was asked.
    assert.equal(kindOf('delivery to forty two Maple', fulfilment), 'incomplete:address');
  });

  it('commits a whole yes or no to a yes/no question, and nothing more', () => {
    for (const text of [
      'yes, that is right',
      'yeah sure go ahead',
      'no that is wrong',
      'yes please place the order',
    ])
      assert.equal(kindOf(text, yesNo), 'complete:expected_answer', text);
    assert.equal(kindOf('yes', yesNo), 'complete:short_answer');
    // Must not cut off: a correction after the no, more after an "and", a phrase cut short.
    assert.equal(kindOf('no, the pizza should be large', yesNo), 'open');
    assert.equal(gradeOf('yes and', yesNo), 'incomplete:trailing_word/extended');
    // After the yes, a cut phrase neither extends nor commits early: the plain hangover.
    assert.equal(kindOf('yes that is', yesNo), 'open');
    assert.equal(kindOf('well it is', yesNo), 'incomplete:trailing_word');
    assert.equal(kindOf('no wait', yesNo), 'open');
    // Without the question the same words have no cue.
    assert.equal(kindOf('yes, that is right'), 'open');
  });

  it('commits pickup or delivery when that was asked, unless the sentence goes on', () => {
    for (const text of ["I'll pick it up", 'delivery please', 'we will collect it', 'pick up'])
      assert.equal(kindOf(text, fulfilment), 'complete:expected_answer', text);
    assert.equal(kindOf("I'll pick it up at", fulfilment), 'open');
    assert.equal(kindOf("I'll", fulfilment), 'incomplete:trailing_word');
    assert.equal(kindOf('delivery to', fulfilment), 'incomplete:address');
    assert.equal(kindOf('delivery and', fulfilment), 'incomplete:trailing_word');
    assert.equal(kindOf("I'll pick it up"), 'open');
  });

  it('commits "no, I\'m good" to "anything else?" but hears a bare yes as a lead-in', () => {
    for (const text of [
      "no I'm good",
      'nope nothing more',
      "no I'm all set",
      "no I think we're good",
    ])
      assert.equal(kindOf(text, moreOrDone), 'complete:expected_answer', text);
    assert.equal(kindOf('no', moreOrDone), 'complete:short_answer');
    // Must not cut off: "yes" / "sure" to "anything else?" is followed by the item.
    for (const text of ['yes', 'yeah', 'sure', 'okay', 'yes please'])
      assert.equal(kindOf(text, moreOrDone), 'open', text);
    for (const expected of [order, name, phone, address, fulfilment])
      assert.equal(kindOf('yeah', expected), 'open', expected);
    // A bare yes still answers a yes/no question, or anything when nothing in particular was asked.
    assert.equal(kindOf('yeah', yesNo), 'complete:short_answer');
    assert.equal(kindOf('yeah', free), 'complete:short_answer');
    assert.equal(kindOf('no, but', moreOrDone), 'incomplete:trailing_word');
    assert.equal(kindOf('no wait a coke', moreOrDone), 'open');
  });

  it('commits a first and a last name, never a first name alone or a name particle', () => {
    for (const text of [
      'John Smith',
      'my name is Anna de Vries',
      "it's Mary Jones please",
      'this is Li Wei',
    ])
      assert.equal(kindOf(text, name), 'complete:expected_answer', text);
    // Must not cut off: the surname may follow the first name, a particle is never the end.
    for (const text of ['John', 'my name is John', 'under Smith'])
      assert.equal(kindOf(text, name), 'open', text);
    assert.equal(gradeOf('Anna de', name), 'incomplete:trailing_word/moderate');
    // Misrecognitions made of function words are not a name.
    assert.equal(kindOf('and a green', name), 'open');
    assert.equal(kindOf('John Smith', order), 'open');
  });
});

describe('classifyUtteranceEnding after a short answer was given', () => {
  it('does not wait on a dangling article once the number, name or yes is there', () => {
    assert.equal(kindOf('oh six one two three four five six seven and a', phone), 'open');
    assert.equal(kindOf('John Smith with a', name), 'open');
    assert.equal(kindOf('yes that is right with the', yesNo), 'open');
    assert.equal(kindOf('pickup for the', fulfilment), 'open');
    // The same ending before the answer began: the caller is still leading up to it.
    assert.equal(gradeOf('my number is', phone), 'incomplete:trailing_word/moderate');
    assert.equal(gradeOf('my name is', name), 'incomplete:trailing_word/moderate');
    assert.equal(gradeOf('can I get the', order), 'incomplete:trailing_word/moderate');
  });

  it('still waits after a trailing "and" or "uh", or after a "no" (a correction follows)', () => {
    assert.equal(gradeOf('John Smith and', name), 'incomplete:trailing_word/extended');
    assert.equal(gradeOf('oh six one two uh', phone), 'incomplete:trailing_word/extended');
    assert.equal(gradeOf('no the pizza should be', yesNo), 'incomplete:trailing_word/moderate');
    assert.equal(
      gradeOf('yes but the pizza should be', yesNo),
      'incomplete:trailing_word/moderate',
    );
  });

  it('ignores an address phrase where no address can be the answer', () => {
    // Misrecognitions of "my name is …" that look like the start of an address.
    assert.equal(kindOf('i live at oh three', name), 'open');
    assert.equal(kindOf('and a three', name), 'open');
    assert.equal(kindOf('i live at oh three', free), 'incomplete:address');
    assert.equal(kindOf('i live at oh three'), 'incomplete:address');
  });
});

describe('trailingDigitRun', () => {
  it('counts digits spoken as words, numerals, tens and repeats', () => {
    const run = trailingDigitRun(normaliseTranscript('call me on 06-1234'));
    assert.deepEqual({ digits: run.digits, tokens: run.tokens }, { digits: 6, tokens: 1 });
    assert.equal(trailingDigitRun(normaliseTranscript('forty two')).digits, 2);
    assert.equal(trailingDigitRun(normaliseTranscript('eight hundred')).digits, 3);
    assert.equal(trailingDigitRun(normaliseTranscript('triple five')).digits, 3);
    assert.equal(trailingDigitRun(normaliseTranscript('pizza')).digits, 0);
  });

  it('tells one number from a string of digits, and an international number', () => {
    const run = (text: string) => trailingDigitRun(normaliseTranscript(text));
    for (const text of ['two', 'twelve', 'thirty four', '12'])
      assert.equal(run(text).singleNumber, true, text);
    for (const text of ['five five', 'one two three', '555', 'two hundred'])
      assert.equal(run(text).singleNumber, false, text);
    for (const text of ['plus three one six', '+31 6', '0031 6', 'zero zero four four'])
      assert.equal(run(text).international, true, text);
    assert.equal(run('oh six one two').international, false);
  });
});
