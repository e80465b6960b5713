/**
 * The voice session tells the turn detector what each question asks for: whole calls on the
 * scripted harness, observing the detector's commits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  answerEach,
  committedTexts,
  pickupOrderTurns,
  runVoiceCall,
} from '../session/testing/voice-call-harness.ts';
import type { TurnCommitDetail } from './turn-detector.ts';

const hangoverMs = 200;

async function callCommits(utterances: readonly string[]) {
  const commits: TurnCommitDetail[] = [];
  const run = await runVoiceCall({
    script: answerEach(utterances.length),
    utterances: utterances.map((text) => ({ text })),
    session: { turnDetector: { hangoverMs, onCommit: (commit) => commits.push(commit) } },
  });
  return { ...run, commits };
}

describe('answer-aware endpointing in the voice session', () => {
  it('expects each answer from the question just asked, and commits whole answers early', async () => {
    const { result, commits, frames } = await callCommits(pickupOrderTurns);
    assert.equal(result.outcome, 'order_created');
    assert.deepEqual(committedTexts(frames), [...pickupOrderTurns]);
    assert.deepEqual(
      commits.map(({ expected, reason }) => `${expected}:${reason}`),
      [
        'order:silence',
        'more_or_done:early',
        'fulfilment:early',
        'name:early',
        'phone:early',
        'yes_no:early',
        'yes_no:early',
      ],
    );
  });

  it('does not wait for more digits after "anything else?"', async () => {
    // "no, that's all" misheard as digits: no phone number was asked for.
    const { commits } = await callCommits([pickupOrderTurns[0], 'nine five two one']);
    const misheard = commits[1];
    assert.equal(misheard?.expected, 'more_or_done');
    assert.equal(misheard?.reason, 'silence');
    assert.equal(misheard?.waitMs, hangoverMs);
  });
});
