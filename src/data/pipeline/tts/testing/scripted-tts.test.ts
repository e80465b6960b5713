import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../../platform/clock.ts';
import { AbortedError, UnavailableError } from '../../../../platform/errors.ts';
import type { TtsChunk } from '../tts-provider.ts';
import { ScriptedTts } from './scripted-tts.ts';
import { describeTtsConformance } from './tts-conformance.ts';

describeTtsConformance(
  'scripted-tts',
  async () => {
    const provider = new ScriptedTts();
    return { provider, liveHandles: () => provider.activeSyntheses };
  },
  { leakRounds: 50 },
);

async function collect(stream: AsyncIterable<TtsChunk>): Promise<TtsChunk[]> {
  const chunks: TtsChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const request = { text: 'Ten chars.', language: 'en-US', sampleRateHz: 8000 } as const;

/** A delay driven by a ManualClock: resolves when the test advances time past it. */
function manualDelay(clock: ManualClock) {
  const waiting: { dueMs: number; resolve: () => void }[] = [];
  return {
    delay: (durationMs: number) =>
      new Promise<void>((resolve) =>
        waiting.push({ dueMs: clock.monotonicMs() + durationMs, resolve }),
      ),
    advance(durationMs: number) {
      clock.advance(durationMs);
      for (const entry of waiting.filter((w) => w.dueMs <= clock.monotonicMs())) {
        waiting.splice(waiting.indexOf(entry), 1);
        entry.resolve();
      }
    },
    get pending() {
      return waiting.length;
    },
  };
}

describe('ScriptedTts', () => {
  it('makes msPerChar × characters of audio in chunkMs chunks', async () => {
    const tts = new ScriptedTts({ msPerChar: 50, chunkMs: 200 });
    const chunks = await collect(tts.synthesize(request));
    // 10 characters × 50 ms = 500 ms = 4000 samples at 8 kHz: 1600 + 1600 + 800.
    assert.deepEqual(
      chunks.map((chunk) => chunk.pcm16.length),
      [1600, 1600, 800],
    );
    assert.equal(tts.requests[0]?.text, 'Ten chars.');
  });

  it('is deterministic: the same text gives the same samples', async () => {
    const tts = new ScriptedTts();
    const [a, b] = await Promise.all([
      collect(tts.synthesize(request)),
      collect(tts.synthesize(request)),
    ]);
    assert.deepEqual(a, b);
  });

  it('waits firstChunkDelayMs, then chunkDelayMs, on the injected delay', async () => {
    const clock = new ManualClock();
    const timer = manualDelay(clock);
    const tts = new ScriptedTts({
      firstChunkDelayMs: 300,
      chunkDelayMs: 50,
      chunkMs: 250,
      delay: timer.delay,
    });
    const iterator = tts.synthesize(request)[Symbol.asyncIterator]();
    let firstArrived = false;
    const firstPromise = iterator.next().finally(() => (firstArrived = true));
    await new Promise((resolve) => setImmediate(resolve));
    timer.advance(299);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(firstArrived, false, 'a chunk came before the first-chunk delay');
    timer.advance(1);
    assert.equal((await firstPromise).done, false);
    const secondPromise = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timer.pending, 1);
    timer.advance(50);
    assert.equal((await secondPromise).done, false);
  });

  it('fails before the first chunk with a retryable error', async () => {
    const tts = new ScriptedTts({ fail: 'error-before-first-chunk' });
    await assert.rejects(collect(tts.synthesize(request)), (error) => {
      assert.ok(error instanceof UnavailableError);
      assert.equal(error.retryable, true);
      return true;
    });
  });

  it('fails mid-stream after yielding part of the audio', async () => {
    const tts = new ScriptedTts({ fail: 'error-mid-stream', chunkMs: 100, msPerChar: 60 });
    const seen: TtsChunk[] = [];
    await assert.rejects(async () => {
      for await (const chunk of tts.synthesize(request)) seen.push(chunk);
    }, UnavailableError);
    assert.equal(seen.length, 3); // 600 ms of audio: three of six chunks, then the failure.
  });

  it('stalls until aborted, then ends with an AbortedError', async () => {
    const tts = new ScriptedTts({ fail: 'stall' });
    const controller = new AbortController();
    const result = collect(tts.synthesize({ ...request, signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(tts.activeSyntheses, 1);
    controller.abort();
    await assert.rejects(result, AbortedError);
    assert.equal(tts.activeSyntheses, 0);
  });

  it('fails only the Nth request when told to', async () => {
    const tts = new ScriptedTts({ fail: { mode: 'error-before-first-chunk', onRequest: 2 } });
    assert.ok((await collect(tts.synthesize(request))).length > 0);
    await assert.rejects(collect(tts.synthesize(request)), UnavailableError);
    assert.ok((await collect(tts.synthesize(request))).length > 0);
  });
});
