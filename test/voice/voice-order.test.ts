/**
 * End to end, in real time (the read-back barge-in is in voice-barge-in.test.ts): a caller's order spoken by espeak-ng over an 8 kHz μ-law line into
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

describe('voice call, real time, local parts', { timeout: 300_000 }, () => {
  it('takes a spoken pickup order and creates it', async () => {
    const { result, frames, transport } = await runRealtimeCall(
      pickupOrderCall,
      dataDir,
      AbortSignal.timeout(240_000),
      // Every part real and local: the order must be heard from the audio.
      'pocketsphinx',
    );
    const heard = JSON.stringify(committed(frames));
    assert.equal(result.outcome, 'order_created', heard);
    assert.equal(result.endReason, 'dialogue_ended');
    const lines = result.callSession?.order?.documents.draft.lines ?? [];
    assert.equal(lines.length, 1, heard);
    assert.equal(lines[0]?.quantity, 2, heard);
    assert.match(lines[0]?.item ?? '', /margherita/i, heard);
    assert.equal(result.callSession?.state.fulfilment, 'pickup', heard);
    assert.equal(result.callSession?.state.phone, '+31612345678', heard);
    // The agent was heard: its track holds audio, and every turn has a time to first audio.
    assert.ok(transport.recording().some((sample) => Math.abs(sample) > 1000));
    assert.ok(result.turns.length >= pickupOrderCall.length + 1);
    for (const turn of result.turns) assert.ok(turn.ttfaMs !== undefined);
  });
});
