import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addressFromAnswer, postcodeFormat } from './address-answer.ts';
import { nameFromAnswer } from './name-answer.ts';
import { withSpokenNumbersAsDigits } from './spoken-numbers.ts';
import { textCall as call } from './testing/text-call.ts';

/** What a speech recogniser hands the dialogue: lowercase words, numbers spelled out. */
const phone = 'zero six one two three four five six seven eight';

describe('spoken numbers', () => {
  test('become digits: compound numbers alone, digits and pairs joined', () => {
    assert.equal(
      withSpokenNumbersAsDigits('kerkstraat two hundred sixty three one zero one six'),
      'kerkstraat 263 1016',
    );
    assert.equal(withSpokenNumbersAsDigits('ten sixteen a b'), '1016 a b');
    assert.equal(withSpokenNumbersAsDigits('one thousand and sixteen'), '1016');
    assert.equal(withSpokenNumbersAsDigits('twelve b'), '12 b');
    assert.equal(withSpokenNumbersAsDigits("oh, it's forty two"), "oh, it's 42");
    assert.equal(withSpokenNumbersAsDigits('Kerkstraat 12, 1012 AB'), 'kerkstraat 12, 1012 ab');
  });
});

describe('address answers as heard', () => {
  test('street, house number, postcode and city from words', () => {
    assert.deepEqual(addressFromAnswer('molenweg twelve b one zero one two a b utrecht'), {
      street: 'Molenweg',
      houseNumber: '12B',
      postcode: '1012 AB',
      city: 'Utrecht',
    });
    assert.deepEqual(addressFromAnswer('my address is forty two church street'), {
      street: 'Church Street',
      houseNumber: '42',
    });
  });

  test('a street the recogniser did not know is still the words beside the number', () => {
    assert.deepEqual(addressFromAnswer('prince and track two six three one zero one six'), {
      street: 'Track',
      houseNumber: '263',
      postcode: '1016',
    });
  });

  test("digits run together are split by the area's postcode length", () => {
    const format = postcodeFormat(['1011', '1012']);
    assert.deepEqual(format, { postcodeDigits: 4 });
    assert.deepEqual(addressFromAnswer('dorpsstraat one nine nine nine nine', format), {
      street: 'Dorpsstraat',
      houseNumber: '1',
      postcode: '9999',
    });
  });

  test('menu words are not a street', () => {
    const answer = addressFromAnswer('two colas', { isMenuWord: (word) => word === 'colas' });
    assert.equal(answer.street, undefined);
  });
});

describe('name answers as heard', () => {
  test('a misheard name keeps its name-like words; other answers are not names', () => {
    assert.equal(nameFromAnswer('my and a green'), 'Green');
    assert.equal(nameFromAnswer('my name is sanne de boer'), 'Sanne de Boer');
    assert.equal(nameFromAnswer('put it under john smith please'), 'John Smith');
    assert.equal(nameFromAnswer("that's all"), undefined);
    assert.equal(nameFromAnswer('no'), undefined);
    assert.equal(nameFromAnswer(phone), undefined);
    assert.equal(
      nameFromAnswer('pepperoni', (word) => word === 'pepperoni'),
      undefined,
    );
  });
});

describe('dialogue with misheard answers', () => {
  test('unknown words after "what name?" are a name, not an off-menu dish', async () => {
    const { session, all } = await call([
      'a large pepperoni pizza for pickup',
      'my and a green',
      phone,
      'yes',
      'yes',
    ]);
    assert.doesNotMatch(all, /don't have green/);
    assert.match(all, /under the name Green/);
    assert.equal(session.outcome, 'order_created');
  });

  test('a name that is never understood: the order goes under the phone number', async () => {
    const { session, replies, all } = await call([
      'a large pepperoni pizza for pickup',
      'um the',
      'and a',
      phone,
      'yes',
      'yes',
    ]);
    assert.match(replies[2]!, /didn't get the name/);
    assert.match(replies[3]!, /under your phone number\. And what's a good phone number/);
    assert.match(all, /That's for pickup, under your phone number, 06 1234 5678\./);
    assert.equal(session.outcome, 'order_created');
    assert.equal(session.order!.documents.draft.customer.name, '+31612345678');
  });

  test('an address with spoken numbers is taken, and a postcode is not an order', async () => {
    const { session, all } = await call([
      'two large pepperoni pizzas for delivery',
      'my name is sanne de boer',
      phone,
      'yes',
      'kerkstraat twelve',
      'one zero one six',
      'amsterdam',
      'yes',
    ]);
    assert.doesNotMatch(all, /cola/i);
    assert.match(all, /for delivery to Kerkstraat 12, 1016/);
    assert.equal(session.outcome, 'order_created');
  });

  test('a garbled answer to "anything else?" gets a yes/no question: yes completes it', async () => {
    const { session, replies } = await call([
      'a large pepperoni pizza',
      'hot hold',
      'yes',
      'pickup',
      'my name is sanne de boer',
      phone,
      'yes',
      'yes',
    ]);
    assert.match(replies[1]!, /anything else|anything more/i);
    assert.match(replies[2]!, /^Sorry, is that everything for your order\?$/);
    assert.match(replies[3]!, /pickup or delivery/);
    assert.equal(session.outcome, 'order_created');
    assert.deepEqual(
      session.order!.documents.draft.lines.map((line) => line.item),
      ['pepperoni-pizza'],
    );
  });

  test('no to "is that everything?" asks for more; "no, that\'s all" completes it', async () => {
    const more = await call(['a large pepperoni pizza', 'hot hold', 'no', 'a coke']);
    assert.match(more.replies[3]!, /^Sure, what else would you like\?$/);
    assert.match(more.replies[4]!, /coca cola/i);
    assert.equal(more.session.state.orderComplete, false);

    const done = await call(['a large pepperoni pizza', 'hot hold', "no, that's all"]);
    assert.match(done.replies[3]!, /pickup or delivery/);

    const added = await call(['a large pepperoni pizza', 'hot hold', 'no, a coke too']);
    assert.match(added.replies[3]!, /coca cola/i);
    assert.equal(added.session.state.lines.length, 2);
  });

  test('a yes to "anything else?" itself still asks what else, and repairs still escalate', async () => {
    const yes = await call(['a large pepperoni pizza', 'yes']);
    assert.match(yes.replies[2]!, /what else would you like/);
    const lost = await call([
      'a large pepperoni pizza',
      'hot hold',
      'all all',
      'hot hold',
      'hot hold',
    ]);
    assert.match(lost.replies[3]!, /Please say yes or no/);
    assert.equal(lost.session.outcome, 'escalated');
  });
});
