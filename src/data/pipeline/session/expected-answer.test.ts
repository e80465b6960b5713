import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialState, Phase, type DialogueState } from '../../session/state.ts';
import { expectedAnswer } from './expected-answer.ts';

const line = { item: 'margherita', quantity: 2, modifiers: [] };
const state = (changes: Partial<DialogueState>): DialogueState => ({
  ...initialState(),
  ...changes,
});

describe('expectedAnswer', () => {
  it('maps what the agent waits for to the kind of answer', () => {
    const cases: [Partial<DialogueState>, string][] = [
      [{}, 'order'],
      [{ lines: [line] }, 'more_or_done'],
      // "Is that everything for your order?" after a misheard "Anything else?".
      [{ lines: [line], doneAsked: true }, 'yes_no'],
      // After a "no" to the read-back the caller says what to change: the order again.
      [{ lines: [line], orderComplete: true }, 'order'],
      [{ phase: Phase.chooseOption, lines: [line] }, 'option'],
      [{ phase: Phase.fulfilment }, 'fulfilment'],
      [{ phase: Phase.name }, 'name'],
      [{ phase: Phase.phone }, 'phone'],
      [{ phase: Phase.address }, 'address'],
      [{ phase: Phase.confirm }, 'yes_no'],
      [{ phase: Phase.offerPickup }, 'yes_no'],
      [{ phase: Phase.belowMinimum }, 'free'],
      [{ phase: Phase.ended }, 'free'],
    ];
    for (const [changes, kind] of cases) {
      assert.equal(expectedAnswer(state(changes)).kind, kind, JSON.stringify(changes));
    }
  });

  it('has an answer for every phase', () => {
    for (const phase of Object.values(Phase)) {
      assert.ok(expectedAnswer(state({ phase })).kind);
    }
  });
});
