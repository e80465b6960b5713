/**
 * End to end, in real time, barge-in: a caller's order spoken by espeak-ng over an 8 kHz μ-law line into
 * the voice session with the local parts (see support/voice-call-e2e.ts for which are real).
 * Asserts what the caller and the restaurant would notice, never how fast.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pickupOrderCall } from './support/caller-audio.ts';
import { runRealtimeCall } from './support/voice-call-e2e.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-voice-e2e-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const committed = (frames: { kind: string; text?: string }[]) =>
  frames.flatMap((frame) => (frame.kind === 'turn_committed' ? [frame.text] : []));

describe('voice call barge-in, real time, local parts', { timeout: 300_000 }, () => {
  it('lets the caller confirm over the read-back (barge-in) and keeps what was heard', async () => {
    // "yes" about five seconds into the read-back, which lasts over fifteen.
    const turns = pickupOrderCall.map((turn) =>
      turn.text === 'yes' ? { ...turn, silenceBeforeMs: 7000 } : turn,
    );
    // Turn-taking mechanics (VAD over the agent's audio, the cut, the truncated context) with a
    // recogniser that hears the script: with pocketsphinx the short "yes" over the read-back is
    // not yet taken as a barge-in (ROADMAP).
    const { result, frames } = await runRealtimeCall(
      turns,
      dataDir,
      AbortSignal.timeout(240_000),
      'scripted',
    );
    assert.equal(result.interruptions, 1, JSON.stringify(committed(frames)));
    assert.ok(frames.some((frame) => frame.kind === 'interruption'));
    const readBack = result.callSession?.transcript.find((entry) => entry.interrupted);
    assert.ok(readBack, 'the read-back is cut to what was played');
    assert.match(readBack.text, /^Let me read that back/);
    assert.doesNotMatch(readBack.text, /Shall I place the order/);
    assert.equal(result.outcome, 'order_created');
  });
});
