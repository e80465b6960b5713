import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnavailableError } from '../../platform/errors.ts';
import type { AsrEvent, AsrProvider } from '../pipeline/asr/asr-provider.ts';
import { ScriptedAsr, type ScriptedUtterance } from '../pipeline/asr/testing/index.ts';
import { FailoverAsr } from './failover-asr.ts';
import type { FailoverEvent } from './failover-types.ts';
import { ProviderHealth } from './provider-health.ts';
import { ManualScheduler } from './testing/manual-scheduler.ts';

const frame = () => new Int16Array(160);

function setup(primaryScript: ScriptedUtterance[], secondaryScript: ScriptedUtterance[] = []) {
  const scheduler = new ManualScheduler();
  const fake = (name: string, utterances: ScriptedUtterance[]) =>
    new ScriptedAsr({ name, utterances, delay: scheduler.delay, clock: scheduler.clock });
  const cloud = fake('cloud', primaryScript);
  const local = fake('local', secondaryScript);
  const health = new ProviderHealth({ clock: scheduler.clock });
  const failovers: FailoverEvent[] = [];
  const asr = failoverOver(scheduler, [cloud, local], health, failovers);
  return { scheduler, cloud, local, health, failovers, asr };
}

function failoverOver(
  scheduler: ManualScheduler,
  providers: AsrProvider[],
  health: ProviderHealth,
  failovers: FailoverEvent[],
) {
  return new FailoverAsr({
    candidates: providers.map((provider) => ({
      ref: { stage: 'asr' as const, vendor: provider.name, model: 'm' },
      provider,
      firstTokenTimeoutMs: 1000,
    })),
    gapTimeoutMs: 2000,
    health,
    onFailover: (event) => failovers.push(event),
    timers: scheduler,
    clock: scheduler.clock,
  });
}

async function openAndRead(asr: FailoverAsr, signal?: AbortSignal) {
  const stream = await asr.open({
    sampleRateHz: 8000,
    language: 'en-US',
    ...(signal ? { signal } : {}),
  });
  const events: AsrEvent[] = [];
  let ended = false;
  const reading = (async () => {
    for await (const event of stream.events()) events.push(event);
    ended = true;
  })();
  return { stream, events, reading, isEnded: () => ended };
}

/** 20 ms frames for `durationMs` of manual time. */
async function speak(
  scheduler: ManualScheduler,
  stream: { write(pcm16: Int16Array): boolean },
  durationMs: number,
) {
  for (let elapsedMs = 0; elapsedMs < durationMs; elapsedMs += 20) {
    stream.write(frame());
    await scheduler.advance(20);
  }
}

const finals = (events: AsrEvent[]) =>
  events.flatMap((event) => (event.type === 'final' ? [event.text] : []));

void describe('FailoverAsr', () => {
  void it('passes a healthy primary through and records its first-partial latency', async () => {
    const { scheduler, asr, cloud, local, failovers, health } = setup([
      { text: 'two margheritas please' },
    ]);
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 400);
    stream.flush();
    await scheduler.advance(100);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['two margheritas please']);
    assert.equal(events[0]?.type, 'partial');
    assert.deepEqual(failovers, []);
    assert.equal(local.streamsOpened, 0);
    assert.equal(cloud.openStreams, 0);
    assert.equal(
      health.snapshot({ stage: 'asr', vendor: 'cloud', model: 'm' }).firstTokenP95Ms,
      100,
    );
  });

  void it('a primary silent past the first-token timeout is replaced; the utterance is replayed', async () => {
    const { scheduler, asr, cloud, local, failovers } = setup(
      [{ text: 'never heard', fail: 'stall' }],
      [{ text: 'two margheritas please' }],
    );
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 1200);
    // The stall was noticed at 1000 ms after the first audio; all of it reached the next vendor.
    assert.deepEqual(
      failovers.map((event) => [event.from.vendor, event.to?.vendor, event.reason]),
      [['cloud', 'local', 'first_token_timeout']],
    );
    assert.equal(cloud.openStreams, 0, 'the stalled stream was closed');
    assert.equal(cloud.samplesWritten, 50 * 160);
    assert.equal(local.samplesWritten, 60 * 160);
    stream.flush();
    await scheduler.advance(100);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['two margheritas please']);
    assert.equal(local.openStreams, 0);
    assert.equal(scheduler.pendingTimers, 0);
  });

  void it('a primary that goes silent on a later utterance is caught by the first-token timeout too', async () => {
    const { scheduler, asr, failovers } = setup(
      [{ text: 'two margheritas' }, { text: 'never heard', fail: 'stall' }],
      [{ text: 'pickup' }],
    );
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 400);
    stream.flush();
    // The first utterance's final comes after its flush: it must not vouch for the next one.
    await scheduler.advance(500);
    assert.deepEqual(finals(events), ['two margheritas']);
    await speak(scheduler, stream, 1200);
    assert.deepEqual(
      failovers.map((event) => [event.from.vendor, event.reason]),
      [['cloud', 'first_token_timeout']],
      'noticed while the caller still speaks, not at the flush',
    );
    stream.flush();
    await scheduler.advance(100);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['two margheritas', 'pickup']);
  });

  void it("passes the session's expectation on, and to the vendor that replaces a stalled one", async () => {
    const { scheduler, asr, cloud, local } = setup(
      [{ text: 'never heard', fail: 'stall' }],
      [{ text: 'pickup' }],
    );
    const { stream, reading } = await openAndRead(asr);
    stream.expect?.({ kind: 'fulfilment' });
    assert.deepEqual(cloud.expectations, [{ kind: 'fulfilment' }]);
    await speak(scheduler, stream, 1200);
    assert.deepEqual(local.expectations, [{ kind: 'fulfilment' }], 'the replacement heard it too');
    stream.expect?.({ kind: 'phone' });
    assert.deepEqual(local.expectations, [{ kind: 'fulfilment' }, { kind: 'phone' }]);
    await stream.close();
    await reading;
  });

  void it('an error event fails over at once', async () => {
    const { scheduler, asr, local, failovers } = setup(
      [{ text: 'x', fail: 'error', firstPartialDelayMs: 60 }],
      [{ text: 'a coke' }],
    );
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 100);
    assert.equal(failovers[0]?.reason, 'error');
    assert.equal(local.streamsOpened, 1);
    stream.flush();
    await scheduler.advance(100);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['a coke']);
    assert.ok(!events.some((event) => event.type === 'error'), 'the caller never sees the failure');
  });

  void it('a vendor hanging up mid-utterance fails over', async () => {
    const { scheduler, asr, failovers, cloud } = setup(
      [{ text: 'two cokes', fail: 'close' }],
      [{ text: 'two cokes' }],
    );
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 200);
    assert.equal(failovers[0]?.reason, 'closed');
    assert.equal(cloud.openStreams, 0);
    stream.flush();
    await scheduler.advance(100);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['two cokes']);
  });

  void it('no final within the gap timeout of a flush: the flushed utterance is replayed and flushed', async () => {
    const { scheduler, asr, local, failovers } = setup(
      [{ text: 'slow final', finalDelayMs: 10_000 }],
      [{ text: 'a salami pizza' }],
    );
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 300);
    stream.flush();
    await scheduler.advance(2100);
    assert.equal(failovers[0]?.reason, 'gap_timeout');
    assert.equal(local.flushes, 1);
    assert.equal(local.samplesWritten, 15 * 160);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['a salami pizza']);
  });

  void it('a vendor that cannot open is skipped', async () => {
    const scheduler = new ManualScheduler();
    const broken: AsrProvider = {
      name: 'broken',
      sampleRatesHz: [8000, 16000],
      open: () => Promise.reject(new UnavailableError('503')),
    };
    const local = new ScriptedAsr({
      name: 'local',
      utterances: [{ text: 'hello' }],
      delay: scheduler.delay,
      clock: scheduler.clock,
    });
    const failovers: FailoverEvent[] = [];
    const asr = failoverOver(scheduler, [broken, local], new ProviderHealth(), failovers);
    const { stream, events, reading } = await openAndRead(asr);
    await speak(scheduler, stream, 200);
    stream.flush();
    await scheduler.advance(100);
    await stream.close();
    await reading;
    assert.deepEqual(finals(events), ['hello']);
    assert.deepEqual(
      failovers.map((event) => event.from.vendor),
      ['broken'],
    );
  });

  void it('when every vendor failed the caller gets one non-retryable error and the events end', async () => {
    const { scheduler, asr, cloud, local, failovers } = setup(
      [{ text: 'a', fail: 'stall' }],
      [{ text: 'b', fail: 'stall' }],
    );
    const { stream, events, reading, isEnded } = await openAndRead(asr);
    await speak(scheduler, stream, 2200);
    await reading;
    assert.ok(isEnded());
    assert.deepEqual(
      failovers.map((event) => event.to?.vendor),
      ['local', undefined],
    );
    assert.equal(events.at(-1)?.type, 'error');
    assert.equal(cloud.openStreams + local.openStreams, 0);
    // Later audio is dropped (no vendor will replay it) and closing still works.
    assert.equal(stream.write(frame()), true);
    stream.flush();
    await stream.close();
    assert.equal(scheduler.pendingTimers, 0);
  });

  void it('aborting the signal closes the vendor stream and ends the events', async () => {
    const { scheduler, asr, cloud, failovers } = setup([{ text: 'two cokes' }]);
    const hangUp = new AbortController();
    const { stream, reading, isEnded } = await openAndRead(asr, hangUp.signal);
    await speak(scheduler, stream, 100);
    hangUp.abort();
    await scheduler.advance(10);
    await reading;
    assert.ok(isEnded());
    assert.equal(cloud.openStreams, 0);
    assert.deepEqual(failovers, []);
    assert.equal(scheduler.pendingTimers, 0);
  });

  void it('takes only the sample rates every candidate takes', () => {
    const scheduler = new ManualScheduler();
    const narrow = new ScriptedAsr({ utterances: [], sampleRatesHz: [16000] });
    const wide = new ScriptedAsr({ utterances: [], sampleRatesHz: [8000, 16000] });
    assert.deepEqual(
      failoverOver(scheduler, [wide, narrow], new ProviderHealth(), []).sampleRatesHz,
      [16000],
    );
  });
});
