import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../../platform/clock.ts';
import type { AsrEvent } from '../asr-provider.ts';
import { collect, describeAsrConformance } from './asr-conformance.ts';
import { garbageText, ScriptedAsr, type ScriptedUtterance } from './scripted-asr.ts';

describeAsrConformance('ScriptedAsr', () =>
  Promise.resolve({
    provider: new ScriptedAsr({
      utterances: [
        { text: 'two large pepperoni', firstPartialDelayMs: 0, partialEveryMs: 0, finalDelayMs: 1 },
      ],
      repeat: true,
    }),
    speech: { pcm16: new Int16Array(8000), sampleRateHz: 8000, expectWords: ['pepperoni'] },
  }),
);

/** A fake whose waits move a manual clock instead of real time, so `atMs` shows the script. */
function scripted(utterances: ScriptedUtterance[]): { asr: ScriptedAsr; clock: ManualClock } {
  const clock = new ManualClock();
  const asr = new ScriptedAsr({
    utterances,
    clock,
    delay: (durationMs, signal) => {
      if (signal.aborted) return Promise.reject(new Error('aborted'));
      clock.advance(durationMs);
      return Promise.resolve();
    },
  });
  return { asr, clock };
}

async function run(utterances: ScriptedUtterance[], settle = true): Promise<AsrEvent[]> {
  const { asr } = scripted(utterances);
  const stream = await asr.open({ sampleRateHz: 8000, language: 'en-US' });
  const events = collect(stream);
  stream.write(new Int16Array(160));
  // Lets the partials unfold before the flush (the waits resolve at once).
  if (settle) await new Promise((resolve) => setImmediate(resolve));
  stream.flush();
  const closing = stream.close();
  await closing;
  return events;
}

void describe('ScriptedAsr script', () => {
  void it('unfolds partials word by word at the scripted times, then the final', async () => {
    const events = await run([
      {
        text: 'two large pepperoni',
        firstPartialDelayMs: 200,
        partialEveryMs: 80,
        finalDelayMs: 30,
      },
    ]);
    assert.deepEqual(
      events.map((event) => [event.type, 'text' in event ? event.text : '', event.atMs]),
      [
        ['partial', 'two', 200],
        ['partial', 'two large', 280],
        ['partial', 'two large pepperoni', 360],
        ['final', 'two large pepperoni', 390],
      ],
    );
  });

  void it('takes utterances in flush order across streams', async () => {
    const { asr } = scripted([{ text: 'a coke' }, { text: 'for pickup' }]);
    const finals: string[] = [];
    for (let turn = 0; turn < 3; turn += 1) {
      const stream = await asr.open({ sampleRateHz: 8000, language: 'en-US' });
      const events = collect(stream);
      stream.write(new Int16Array(160));
      stream.flush();
      await stream.close();
      finals.push(...(await events).flatMap((e) => (e.type === 'final' ? [e.text] : [])));
    }
    assert.deepEqual(finals, ['a coke', 'for pickup', '']);
    assert.equal(asr.openStreams, 0);
    assert.equal(asr.streamsOpened, 3);
    assert.equal(asr.flushes, 3);
  });

  void it('error: a retryable error before any partial, then the events end', async () => {
    const events = await run([{ text: 'two cokes', fail: 'error' }]);
    assert.deepEqual(
      events.map((event) => event.type),
      ['error'],
    );
    assert.equal(events[0]?.type === 'error' && events[0].retryable, true);
  });

  void it('error fires even when flushed before the first partial was due', async () => {
    const events = await run([{ text: 'two cokes', fail: 'error' }], false);
    assert.deepEqual(
      events.map((event) => event.type),
      ['error'],
    );
  });

  void it('stall: nothing at all, even after flush, until the caller closes', async () => {
    const events = await run([{ text: 'two cokes', fail: 'stall' }]);
    assert.deepEqual(events, []);
  });

  void it('garbage: partials and a final of nonsense', async () => {
    const events = await run([{ text: 'two cokes', fail: 'garbage' }]);
    const final = events.at(-1);
    assert.equal(final?.type, 'final');
    assert.equal(final?.type === 'final' && final.text, garbageText);
  });

  void it('close: one partial, then the events end with no final and no error', async () => {
    const events = await run([{ text: 'two large cokes', fail: 'close' }]);
    assert.deepEqual(
      events.map((event) => [event.type, 'text' in event ? event.text : '']),
      [['partial', 'two']],
    );
  });

  void it('a later utterance after a failure on another stream still works', async () => {
    const { asr } = scripted([{ text: 'x', fail: 'error' }, { text: 'a fanta' }]);
    for (const expected of [[], ['a fanta']]) {
      const stream = await asr.open({ sampleRateHz: 8000, language: 'en-US' });
      const events = collect(stream);
      stream.write(new Int16Array(160));
      await new Promise((resolve) => setImmediate(resolve));
      stream.flush();
      await stream.close();
      const finals = (await events).flatMap((e) => (e.type === 'final' ? [e.text] : []));
      assert.deepEqual(finals, expected);
    }
    assert.equal(asr.openStreams, 0);
  });
});
