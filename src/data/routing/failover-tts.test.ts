import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError, UnavailableError } from '../../platform/errors.ts';
import { ScriptedTts, type ScriptedTtsOptions } from '../pipeline/tts/testing/index.ts';
import type { TtsChunk } from '../pipeline/tts/tts-provider.ts';
import { FailoverTts } from './failover-tts.ts';
import type { FailoverEvent } from './failover-types.ts';
import { ProviderHealth } from './provider-health.ts';
import { ManualScheduler } from './testing/manual-scheduler.ts';

const text = 'Your order is two margheritas.';

function setup(primary: ScriptedTtsOptions, secondary: ScriptedTtsOptions = {}) {
  const scheduler = new ManualScheduler();
  const cloud = new ScriptedTts({
    name: 'cloud',
    firstChunkDelayMs: 100,
    delay: scheduler.delay,
    ...primary,
  });
  const local = new ScriptedTts({
    name: 'local',
    firstChunkDelayMs: 50,
    delay: scheduler.delay,
    ...secondary,
  });
  const health = new ProviderHealth({ clock: scheduler.clock });
  const failovers: FailoverEvent[] = [];
  const tts = new FailoverTts({
    candidates: [
      {
        ref: { stage: 'tts', vendor: 'cloud', model: 'm1' },
        provider: cloud,
        firstTokenTimeoutMs: 800,
      },
      {
        ref: { stage: 'tts', vendor: 'local', model: 'm2' },
        provider: local,
        firstTokenTimeoutMs: 800,
      },
    ],
    gapTimeoutMs: 2000,
    health,
    onFailover: (event) => failovers.push(event),
    timers: scheduler,
    clock: scheduler.clock,
  });
  return { scheduler, cloud, local, health, failovers, tts };
}

/** Reads the synthesis on manual time; records when each chunk came (manual ms). */
async function collect(
  scheduler: ManualScheduler,
  chunks: AsyncIterable<TtsChunk>,
): Promise<{ atMs: number[]; error: unknown }> {
  const atMs: number[] = [];
  let done = false;
  let error: unknown;
  const reading = (async () => {
    try {
      for await (const _chunk of chunks) atMs.push(scheduler.clock.monotonicMs());
    } catch (caught) {
      error = caught;
    } finally {
      done = true;
    }
  })();
  await scheduler.runUntil(() => done);
  await reading;
  return { atMs, error };
}

const request = (signal?: AbortSignal) => ({
  text,
  language: 'en-US',
  sampleRateHz: 8000 as const,
  ...(signal ? { signal } : {}),
});

void describe('FailoverTts', () => {
  void it('uses the primary when it is healthy and records its first-chunk latency', async () => {
    const { scheduler, tts, cloud, local, health, failovers } = setup({});
    const { atMs, error } = await collect(scheduler, tts.synthesize(request()));
    assert.equal(error, undefined);
    assert.ok(atMs.length > 0);
    assert.equal(atMs[0], 100);
    assert.equal(local.requests.length, 0);
    assert.deepEqual(failovers, []);
    assert.equal(cloud.activeSyntheses, 0);
    assert.equal(
      health.snapshot({ stage: 'tts', vendor: 'cloud', model: 'm1' }).firstTokenP95Ms,
      100,
    );
  });

  void it('a primary that stalls before its first chunk is aborted at the timeout; the next vendor says the same text', async () => {
    const { scheduler, tts, cloud, local, health, failovers } = setup({ fail: 'stall' });
    const { atMs, error } = await collect(scheduler, tts.synthesize(request()));
    assert.equal(error, undefined);
    // 800 ms first-token timeout, then the local vendor's 50 ms.
    assert.equal(atMs[0], 850);
    assert.equal(local.requests[0]?.text, text);
    assert.equal(cloud.activeSyntheses, 0, 'the stalled synthesis was closed');
    assert.equal(local.activeSyntheses, 0);
    assert.deepEqual(
      failovers.map((event) => [event.from.vendor, event.to?.vendor, event.reason]),
      [['cloud', 'local', 'first_token_timeout']],
    );
    assert.equal(health.snapshot({ stage: 'tts', vendor: 'cloud', model: 'm1' }).errorRate, 1);
    assert.equal(scheduler.pendingTimers, 0);
  });

  void it('a vendor error fails over at once, not at the timeout', async () => {
    const { scheduler, tts, cloud, failovers } = setup({ fail: 'error-before-first-chunk' });
    const { atMs } = await collect(scheduler, tts.synthesize(request()));
    assert.equal(atMs[0], 150);
    assert.equal(failovers[0]?.reason, 'error');
    assert.ok(failovers[0]?.error instanceof UnavailableError);
    assert.equal(cloud.activeSyntheses, 0);
  });

  void it('a stall between chunks fails over after the gap timeout and restarts the sentence', async () => {
    const { scheduler, tts, cloud, local, failovers } = setup({ chunkDelayMs: 10_000 });
    const { atMs, error } = await collect(scheduler, tts.synthesize(request()));
    assert.equal(error, undefined);
    assert.equal(atMs[0], 100);
    // The second chunk would take 10 s: at 100 + 2000 ms the local vendor takes over.
    assert.equal(atMs[1], 2150);
    assert.equal(failovers[0]?.reason, 'gap_timeout');
    assert.equal(local.requests[0]?.text, text);
    assert.equal(cloud.activeSyntheses, 0);
  });

  void it('a failure in mid-stream restarts the sentence with the next vendor', async () => {
    const { scheduler, tts, local, failovers } = setup({ fail: 'error-mid-stream' });
    const { error } = await collect(scheduler, tts.synthesize(request()));
    assert.equal(error, undefined);
    assert.equal(failovers[0]?.reason, 'error');
    assert.equal(local.requests.length, 1);
  });

  void it('throws a retryable UnavailableError when every vendor failed', async () => {
    const { scheduler, tts, cloud, local, failovers } = setup({ fail: 'stall' }, { fail: 'stall' });
    const { error } = await collect(scheduler, tts.synthesize(request()));
    assert.ok(error instanceof UnavailableError);
    assert.equal(error.retryable, true);
    assert.deepEqual(
      failovers.map((event) => event.to?.vendor),
      ['local', undefined],
    );
    assert.equal(cloud.activeSyntheses + local.activeSyntheses, 0);
  });

  void it('barge-in (the caller aborts) stops at once without failing over or blaming the vendor', async () => {
    const { scheduler, tts, cloud, local, health, failovers } = setup({ fail: 'stall' });
    const bargeIn = new AbortController();
    const reading = collect(scheduler, tts.synthesize(request(bargeIn.signal)));
    await scheduler.advance(300);
    bargeIn.abort();
    const { error } = await reading;
    assert.ok(error instanceof AbortedError);
    assert.deepEqual(failovers, []);
    assert.equal(local.requests.length, 0);
    assert.equal(cloud.activeSyntheses, 0);
    assert.equal(health.snapshot({ stage: 'tts', vendor: 'cloud', model: 'm1' }).samples, 0);
  });

  void it('a consumer that stops reading closes the vendor stream', async () => {
    const { scheduler, tts, cloud } = setup({ chunkDelayMs: 10 });
    const iterator = tts.synthesize(request());
    const first = iterator.next();
    await scheduler.advance(100);
    assert.equal((await first).done, false);
    await iterator.return(undefined);
    await scheduler.advance(10);
    assert.equal(cloud.activeSyntheses, 0);
  });

  void it('an empty text is not a vendor failure', async () => {
    const { scheduler, tts, failovers } = setup({});
    const { atMs } = await collect(scheduler, tts.synthesize({ ...request(), text: '  ' }));
    assert.deepEqual(atMs, []);
    assert.deepEqual(failovers, []);
  });
});
