/**
 * The voice session feeds the caller's audio to the pitch tracker and hands the contour at
 * each end of speech to the turn detector (ADR 0020): whole calls on the scripted harness, the
 * caller's speech a harmonic tone whose pitch falls or rises at the end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallerStep } from '../session/testing/timeline-transport.ts';
import { runVoiceCall } from '../session/testing/voice-call-harness.ts';
import { concat, glide } from '../prosody/testing/glide.ts';
import type { TurnCommitDetail, TurnDetectorOptions } from './turn-detector.ts';

/** A second of "speech" at the caller's level, then its end falling or rising. */
function speech(endHz: number): Int16Array {
  return concat(
    glide({ sampleRateHz: 8000, fromHz: 130, toHz: 125, durationMs: 800 }),
    glide({ sampleRateHz: 8000, fromHz: 125, toHz: endHz, durationMs: 400 }),
  );
}

async function firstCommit(endHz: number, turnDetector: TurnDetectorOptions = {}) {
  const commits: TurnCommitDetail[] = [];
  const script: CallerStep[] = [{ untilAgentQuietMs: 300 }, { pcm16: speech(endHz) }];
  await runVoiceCall({
    script,
    utterances: [{ text: 'two large margherita pizzas with thin crust' }],
    session: { turnDetector: { ...turnDetector, onCommit: (commit) => commits.push(commit) } },
    maxCallMs: 20_000,
  });
  return commits[0];
}

describe('prosodic end of turn in the voice session', () => {
  it('commits a plain answer sooner when its pitch falls to the end (with the 500 ms setting)', async () => {
    const commit = await firstCommit(90, { prosody: { fallingHangoverMs: 500 } });
    assert.equal(commit?.contour?.kind, 'falling');
    assert.equal(commit?.reason, 'prosody');
    assert.equal(commit?.waitMs, 500);
  });

  it('keeps the plain wait when the pitch rises at the end', async () => {
    const commit = await firstCommit(170);
    assert.equal(commit?.contour?.kind, 'rising');
    assert.equal(commit?.reason, 'silence');
    assert.equal(commit?.waitMs, 700);
  });

  it('tracks no pitch when prosody is switched off', async () => {
    const commit = await firstCommit(90, { prosody: { enabled: false } });
    assert.equal(commit?.contour, undefined);
    assert.equal(commit?.waitMs, 700);
  });
});
