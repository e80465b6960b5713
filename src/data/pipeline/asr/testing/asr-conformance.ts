/**
 * The behaviour every ASR provider shares, as one node:test `describe` block that each
 * provider's test file runs (pocketsphinx, Deepgram against its local fake server, the scripted
 * fake). Audio is written in 20 ms frames honouring backpressure, as the pipeline does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SampleRateHz } from '../../audio/audio-format.ts';
import type { AsrEvent, AsrProvider, AsrStream } from '../asr-provider.ts';

export interface ConformanceSpeech {
  pcm16: Int16Array;
  sampleRateHz: 8000 | 16000;
  /** Words the final must contain (lowercase), e.g. ['large', 'pepperoni']. */
  expectWords: string[];
}

export interface ConformanceSetup {
  provider: AsrProvider;
  speech: ConformanceSpeech;
  close?: () => Promise<void>;
}

export interface ConformanceOptions {
  /** Whether the provider must emit at least one partial for the speech. @default true */
  expectPartials?: boolean;
  /** Per-test timeout (a hang guard, not a latency assertion). @default 30000 */
  timeoutMs?: number;
  /** Streams opened and closed in the leak test. @default 20 */
  leakRounds?: number;
  /** Native handles / sockets / workers the provider holds now; checked after the leak test. */
  liveHandles?: () => number;
  /** Language passed to `open`. @default 'en-US' */
  language?: string;
}

export function describeAsrConformance(
  name: string,
  setup: () => Promise<ConformanceSetup>,
  options: ConformanceOptions = {},
): void {
  const timeout = options.timeoutMs ?? 30_000;
  const language = options.language ?? 'en-US';
  let context: ConformanceSetup;

  void describe(`ASR conformance: ${name}`, () => {
    before(async () => {
      context = await setup();
    });
    after(async () => {
      await context?.close?.();
    });

    const open = (signal?: AbortSignal): Promise<AsrStream> =>
      context.provider.open({
        sampleRateHz: context.speech.sampleRateHz,
        language,
        ...(signal ? { signal } : {}),
      });

    void it(
      'sends partials before one final that holds the expected words',
      { timeout },
      async () => {
        const stream = await open();
        const events = collect(stream);
        await writeSpeech(stream, context.speech);
        stream.flush();
        await stream.close();
        const received = await events;
        const finals = received.filter((event) => event.type === 'final');
        assert.equal(finals.length, 1, `one final expected: ${describeEvents(received)}`);
        assert.equal(received.at(-1)?.type, 'final', 'nothing comes after the final');
        assert.ok(!received.some((event) => event.type === 'error'), describeEvents(received));
        if (options.expectPartials ?? true) {
          assert.ok(
            received.some((event) => event.type === 'partial'),
            'no partial was sent',
          );
        }
        assertHasWords(finals[0]!.text, context.speech.expectWords);
        for (let index = 1; index < received.length; index += 1) {
          assert.ok(received[index]!.atMs >= received[index - 1]!.atMs, 'atMs goes forward');
        }
      },
    );

    void it('recognises two utterances on one stream, one final each', { timeout }, async () => {
      const stream = await open();
      const events = collect(stream);
      await writeSpeech(stream, context.speech);
      stream.flush();
      await writeSpeech(stream, context.speech);
      stream.flush();
      await stream.close();
      const received = await events;
      const finals = received.filter((event) => event.type === 'final');
      assert.equal(finals.length, 2, describeEvents(received));
      for (const final of finals) assertHasWords(final.text, context.speech.expectWords);
      const firstFinal = received.indexOf(finals[0]!);
      assert.ok(
        received.slice(firstFinal + 1).some((event) => event.type === 'final'),
        'the second utterance has its own final',
      );
    });

    void it('ends the events when closed, and close is idempotent', { timeout }, async () => {
      const stream = await open();
      const events = collect(stream);
      await stream.close();
      await stream.close();
      assert.deepEqual(
        (await events).filter((event) => event.type === 'final'),
        [],
        'no final without a flush',
      );
    });

    void it('throws a clear error on write or flush after close', { timeout }, async () => {
      const stream = await open();
      await stream.close();
      assert.throws(() => stream.write(new Int16Array(160)), /clos/i);
      assert.throws(() => stream.flush(), /clos/i);
    });

    void it('rejects a sample rate it does not take, naming the rate', { timeout }, async () => {
      const unsupported = ([8000, 16000, 22050, 24000, 48000] as const).find(
        (rate) => !context.provider.sampleRatesHz.includes(rate),
      );
      const rate = unsupported ?? (11025 as SampleRateHz);
      await assert.rejects(context.provider.open({ sampleRateHz: rate, language }), (error) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, new RegExp(String(rate)));
        return true;
      });
    });

    void it('releases everything for an already-aborted signal', { timeout }, async () => {
      const controller = new AbortController();
      controller.abort();
      let stream: AsrStream;
      try {
        stream = await open(controller.signal);
      } catch (error) {
        assert.ok(error instanceof Error, 'open rejected with an Error');
        return;
      }
      // A provider may instead return a stream that is already over.
      assert.deepEqual(await collect(stream), []);
      assert.throws(() => stream.write(new Int16Array(160)), /clos/i);
    });

    void it(
      'stops at once on abort mid-stream: no final, iteration ends',
      { timeout },
      async () => {
        const controller = new AbortController();
        const stream = await open(controller.signal);
        const events = collect(stream);
        const half = context.speech.pcm16.subarray(0, context.speech.pcm16.length >> 1);
        await writeSpeech(stream, { ...context.speech, pcm16: half });
        controller.abort();
        assert.throws(() => stream.flush(), /clos/i);
        const received = await events;
        assert.ok(!received.some((event) => event.type === 'final'), describeEvents(received));
        assert.throws(() => stream.write(new Int16Array(160)), /clos/i);
        await stream.close();
      },
    );

    void it('leaks nothing over many open/close cycles', { timeout: timeout * 2 }, async () => {
      const before = options.liveHandles?.();
      const rounds = options.leakRounds ?? 20;
      for (let round = 0; round < rounds; round += 1) {
        const controller = new AbortController();
        const stream = await open(controller.signal);
        const events = collect(stream);
        stream.write(context.speech.pcm16.subarray(0, context.speech.sampleRateHz / 5));
        if (round % 2 === 0) await stream.close();
        else controller.abort();
        await events;
        await stream.close();
      }
      if (before !== undefined) assert.equal(options.liveHandles?.(), before);
    });
  });
}

/** Reads every event until the iterator ends. */
export async function collect(stream: AsrStream): Promise<AsrEvent[]> {
  const received: AsrEvent[] = [];
  for await (const event of stream.events()) received.push(event);
  return received;
}

/** Writes `speech` in 20 ms frames, waiting on backpressure as the pipeline does. */
export async function writeSpeech(
  stream: AsrStream,
  speech: Pick<ConformanceSpeech, 'pcm16' | 'sampleRateHz'>,
): Promise<void> {
  const frameSamples = speech.sampleRateHz / 50;
  for (let offset = 0; offset < speech.pcm16.length; offset += frameSamples) {
    if (!stream.write(speech.pcm16.subarray(offset, offset + frameSamples))) {
      await stream.drained();
    }
  }
}

function assertHasWords(text: string, expected: readonly string[]): void {
  const heard = new Set(text.toLowerCase().split(/\s+/));
  const missing = expected.filter((word) => !heard.has(word.toLowerCase()));
  assert.deepEqual(missing, [], `final "${text}" lacks ${missing.join(', ')}`);
}

function describeEvents(events: readonly AsrEvent[]): string {
  return events.map((event) => `${event.type}:${'text' in event ? event.text : ''}`).join(' | ');
}
