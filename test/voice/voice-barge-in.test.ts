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
    // About five seconds into the read-back, which lasts over fifteen, the caller cuts in with
    // "yes that's correct": a bid for the turn. A lone "yes"/"yeah" over a list is what callers
    // say to acknowledge each item, and pocketsphinx hears this voice's lone "yes" as "yeah", a
    // backchannel the agent talks through (tested in voice-session.test.ts).
    const turns = [
      ...pickupOrderCall.slice(0, -1),
      { text: "yes that's correct", silenceBeforeMs: 7000 },
    ];
    const { result, frames } = await runRealtimeCall(
      turns,
      dataDir,
      AbortSignal.timeout(240_000),
      'pocketsphinx',
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
