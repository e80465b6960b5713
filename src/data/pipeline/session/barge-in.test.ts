import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBackchannel, isNonSpeech } from './backchannel.ts';
import type { CallerSpeech } from './barge-in.ts';
import { bargeInDecision } from './barge-in.ts';

const policy = { enabled: true, minSpeechMs: 400 };
const overAgent = (): CallerSpeech => ({
  startMediaMs: 1000,
  duringAgent: true,
  bargedIn: false,
  ignored: false,
});

describe('barge-in decision', () => {
  it('interrupts speech over the agent once it lasted the minimum', () => {
    const at = (mediaMs: number, heardText = '') =>
      bargeInDecision(overAgent(), { mediaMs, agentActive: true, heardText, policy });
    assert.equal(at(1399), 'wait');
    assert.equal(at(1400), 'interrupt');
    assert.equal(at(1400, 'actually make it'), 'interrupt');
  });

  it('lets acknowledgements run on, and turns speech into a turn when the agent finished', () => {
    const now = { mediaMs: 2000, agentActive: true, policy };
    assert.equal(bargeInDecision(overAgent(), { ...now, heardText: 'uh huh' }), 'wait');
    assert.equal(bargeInDecision(overAgent(), { ...now, heardText: 'Okay.' }), 'wait');
    assert.equal(
      bargeInDecision(overAgent(), { ...now, agentActive: false, heardText: '' }),
      'agent_finished',
    );
    assert.equal(
      bargeInDecision({ ...overAgent(), ignored: true }, { ...now, heardText: '' }),
      'wait',
    );
    assert.equal(bargeInDecision(undefined, { ...now, heardText: '' }), 'wait');
  });

  it('tells acknowledgements and wordless sounds from words', () => {
    assert.ok(isBackchannel('Mm-hmm'));
    assert.ok(isBackchannel('uh huh yeah'));
    assert.ok(!isBackchannel('yeah two pizzas'));
    assert.ok(!isBackchannel(''));
    assert.ok(isNonSpeech(' ... '));
    assert.ok(!isNonSpeech('0612345678'), 'digits are words');
  });
});
