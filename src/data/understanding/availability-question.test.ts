/** "do you guys have X", "you got X?": asking whether the menu has a dish is not ordering it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { fixtureMenu } from './test-helpers.ts';

const menu = fixtureMenu('codfather-chippy');
const topicOf = (text: string) => {
  const { acts, lines } = understand(text, menu);
  const question = acts.find((act) => act.type === 'question');
  return { topic: question?.type === 'question' ? question.topic : undefined, lines: lines.length };
};

describe('an availability question', () => {
  test('is heard in its casual forms, with no order line', () => {
    for (const said of [
      'do you guys have fish cakes',
      'do you have any fish cakes',
      'you got fish cakes?',
      'you guys got any fish cakes',
      'have you guys got fish cakes',
      'got any fish cakes?',
      'do yall have fish cakes',
      'uh do you guys do fish cakes',
    ])
      assert.deepEqual(topicOf(said), { topic: 'availability', lines: 0 }, said);
  });
  test('leaves orders and thanks alone', () => {
    for (const said of ['you got it, a fish cake please', 'can i get a fish cake']) {
      assert.equal(topicOf(said).topic, undefined, said);
      assert.equal(topicOf(said).lines, 1, said);
    }
    assert.equal(topicOf('i think you got my order wrong').topic, undefined);
  });
});
