import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { spokenPhone } from './phone-check.ts';
import { textCall as call } from './testing/text-call.ts';

const start = ['a large pepperoni pizza for pickup', 'my name is Anna de Vries'];
const phone = 'zero six one two three four five six seven eight';

describe('the phone number read back', () => {
  test('is said digit-grouped, in national form at home and international abroad', () => {
    assert.equal(spokenPhone('+31612345678', '31'), '06 1234 5678');
    assert.equal(spokenPhone('+441632960961', '31'), '+44 1632 960961');
    assert.equal(spokenPhone('+3120123456', '31'), '020 123 456');
  });

  test('a yes moves on to the order read-back, which the next yes confirms', async () => {
    const { replies, session, draft } = await call([...start, phone, 'yes', 'yes']);
    assert.match(replies[3]!, /^I have your number as 06 1234 5678\. Is that right\?$/);
    assert.match(replies[4]!, /read that back.*phone 06 1234 5678\./);
    assert.equal(session.outcome, 'order_created');
    assert.equal(draft!.customer.phone, '+31612345678');
  });

  test('a no asks for the number again and reads the new one back', async () => {
    const { replies, draft } = await call([
      ...start,
      'zero six one two three oh five six seven eight',
      'no',
      phone,
      'yes',
      'yes',
    ]);
    assert.match(replies[3]!, /06 1230 5678\. Is that right\?/);
    assert.match(replies[4]!, /^Sorry about that\. What's the number, then\?/);
    assert.match(replies[5]!, /06 1234 5678\. Is that right\?/);
    assert.equal(draft!.customer.phone, '+31612345678');
  });

  test('"no, it\'s …" with the whole number is read back in its turn', async () => {
    const { replies, draft } = await call([
      ...start,
      '06 1234 5670',
      "no, it's 06 1234 5678",
      'yes',
      'yes',
    ]);
    assert.match(replies[4]!, /^Okay\. I have your number as 06 1234 5678/);
    assert.equal(draft!.customer.phone, '+31612345678');
  });

  test('"no, it ends in four five" corrects the last digits', async () => {
    const { replies, draft } = await call([
      ...start,
      '06 1234 5600',
      'no, it ends in four five',
      'yes',
      'yes',
    ]);
    assert.match(replies[4]!, /06 1234 5645\. Is that right\?/);
    assert.equal(draft!.customer.phone, '+31612345645');
  });

  test('after a no, the part that was wrong mends the number', async () => {
    const mended = await call([
      ...start,
      '06 1234 5078',
      'no',
      'five six seven eight',
      'yes',
      'yes',
    ]);
    assert.match(mended.replies[4]!, /Or just the digits I got wrong\.$/);
    assert.match(mended.replies[5]!, /^Okay\. I have your number as 06 1234 5678\./);
    assert.equal(mended.draft!.customer.phone, '+31612345678');
  });

  test('an unclear answer asks for a yes or no, and never places the order', async () => {
    const { replies, session } = await call([...start, phone, 'hmm']);
    assert.match(replies.at(-1)!, /^Sorry, is your number 06 1234 5678\? Please say yes or no\.$/);
    assert.notEqual(session.state.phoneSettled, true);
    assert.equal(session.order, undefined);
  });

  test('a number refused twice is noted as heard, said so, and the order goes on', async () => {
    const { session, replies } = await call([
      ...start,
      '06 1234 5078',
      'no',
      '06 1234 5079',
      'no',
      'yes',
    ]);
    assert.match(
      replies.at(-2)!,
      /^Sorry, the line isn't clear\. I'll note the number as 06 1234 5079, .*read that back/,
    );
    assert.equal(session.outcome, 'order_created');
    assert.equal(session.order!.documents.draft.customer.phone, '+31612345079');
  });

  test('off in the runtime policy: straight to the order read-back', async () => {
    const { replies, session } = await call([...start, phone, 'yes'], {
      runtime: { readBackPhone: false },
    });
    assert.match(replies[3]!, /read that back/);
    assert.equal(session.outcome, 'order_created');
  });
});

describe('a large quantity asked back', () => {
  const details = ['my name is Anna de Vries', phone, 'yes'];

  test('is not taken silently: asked back, and a yes keeps it (asked once)', async () => {
    const { replies, draft } = await call(['forty cokes for pickup', 'yes', ...details, 'yes']);
    assert.match(replies[1]!, /^Just to check: 40 coca colas, is that right\?$/);
    assert.doesNotMatch(replies[1]!, /Got it/);
    assert.match(replies[2]!, /^Great\. What name/);
    assert.equal(draft!.lines[0]!.quantity, 40);
  });

  test('"no, four" sets the quantity', async () => {
    const { replies, draft } = await call([
      'forty cokes for pickup',
      'no, four',
      ...details,
      'yes',
    ]);
    assert.match(replies[2]!, /^Okay, four coca colas\. What name/);
    assert.deepEqual(
      draft!.lines.map((line) => [line.item, line.quantity]),
      [['cola', 4]],
    );
  });

  test('a bare no asks how many; "four cokes" then sets it, it adds no line', async () => {
    const { replies, draft } = await call([
      'a margherita and forty cokes',
      'no',
      'four cokes',
      "that's all",
    ]);
    assert.match(replies[1]!, /^Got it: one pizza margherita\. Just to check: 40 coca colas/);
    assert.match(replies[2]!, /^Sorry about that\. How many coca colas would you like\?$/);
    assert.match(replies[3]!, /^Okay, four coca colas\./);
    void draft;
  });

  test('a yes with other items keeps the count and adds them', async () => {
    const { session } = await call(['forty cokes', 'yes, and two garlic breads']);
    assert.deepEqual(
      session.state.lines.map((line) => [line.item, line.quantity]),
      [
        ['cola', 40],
        ['garlic-bread', 2],
      ],
    );
  });

  test('"none of those", or "no thanks" to how many, takes the line off', async () => {
    for (const answers of [['no, none of those'], ['no', 'no thanks']]) {
      const { session, replies } = await call(['a margherita and forty cokes', ...answers]);
      assert.match(replies.at(-1)!, /^Okay, no coca colas\. /);
      assert.deepEqual(
        session.state.lines.map((line) => line.item),
        ['margherita'],
      );
    }
  });

  test('an answer with neither yes, no nor a number is a repair, bounded', async () => {
    const { replies, session } = await call(['forty cokes', 'hmm', 'hmm', 'hmm', 'hmm']);
    assert.match(
      replies[2]!,
      /^Sorry, just to check: 40 coca colas, is that right\? Please say yes/,
    );
    assert.equal(session.outcome, 'escalated');
  });

  test('at or below the bound nothing is asked; the bound is a runtime setting', async () => {
    const ten = await call(['ten cokes']);
    assert.match(ten.replies[1]!, /^Got it: ten coca colas\. /);
    const twenty = await call(['twenty cokes'], { runtime: { confirmQuantityAbove: 20 } });
    assert.match(twenty.replies[1]!, /^Got it: 20 coca colas\. /);
    const eleven = await call(['eleven cokes']);
    assert.match(eleven.replies[1]!, /^Just to check: eleven coca colas/);
  });
});

describe('details changed at the order read-back', () => {
  test('"no, my number is …" is checked, then the order is read back again', async () => {
    const { replies, draft } = await call([
      ...start,
      phone,
      'yes',
      'no, my number is 06 1234 5679',
      'yes',
      'yes',
    ]);
    assert.match(replies[5]!, /I have your number as 06 1234 5679\. Is that right\?$/);
    assert.match(replies[6]!, /read that back.*phone 06 1234 5679\./);
    assert.equal(draft!.customer.phone, '+31612345679');
  });

  test('"that\'s wrong" without its "no" is a no to a check', async () => {
    const { replies } = await call([...start, '06 1234 5078', "that's wrong"]);
    assert.match(replies.at(-1)!, /^Sorry about that\. What's the number, then\?/);
  });
});
