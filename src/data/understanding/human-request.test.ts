import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asksForPerson } from './human-request.ts';
import { pizzeria } from './test-helpers.ts';
import { understand } from './understand.ts';

describe('a caller asking for a person', () => {
  it('hears the many ways of asking, and complaints', () => {
    for (const said of [
      'can i speak to the owner',
      'could you put me through to the kitchen',
      'connect me with someone please',
      'is there someone there i can talk to',
      'is anybody there',
      'get me a human',
      'i want a real person',
      'can i have the manager please',
      'i dont want to talk to a robot',
      'i want to make a complaint',
      'my order last night never arrived',
      'the food yesterday was cold and i want my money back',
      'ik wil een medewerker',
    ]) {
      assert.ok(asksForPerson(said), said);
    }
  });

  it('leaves orders and ordinary answers alone, dishes named after people included', () => {
    for (const said of [
      'can i have the chef special',
      'id like the boss burger please',
      'two pizzas for pickup',
      'is there a vegetarian option',
      'yes thats right',
      'the name is john',
      'no my order was two pizzas not one',
    ]) {
      assert.ok(!asksForPerson(said), said);
    }
  });

  it("is a request for a person in the understanding of the caller's turn, with raw punctuation", () => {
    const menu = pizzeria();
    for (const said of ['Can I speak to the owner?', "I'd like to make a complaint, please."]) {
      const acts = understand(said, menu).acts;
      assert.ok(
        acts.some((act) => act.type === 'speak_to_human'),
        `${said}: ${JSON.stringify(acts)}`,
      );
    }
  });
});
