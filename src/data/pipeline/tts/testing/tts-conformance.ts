/**
 * The behaviour every TTS provider shares, as one node:test `describe` block that each
 * provider's test file runs (espeak-ng, the cloud adapters against their local fake servers,
 * the scripted fake). Waits are hang guards, never latency assertions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { settleWithin } from '../../../../platform/clock.ts';
import { AbortedError } from '../../../../platform/errors.ts';
import type { SampleRateHz } from '../../audio/audio-format.ts';
import type { TtsChunk, TtsProvider, TtsRequest } from '../tts-provider.ts';

export interface TtsConformanceSetup {
  provider: TtsProvider;
  close?: () => Promise<void>;
  /** Processes, sockets or streams the provider holds now; must return to its start value. */
  liveHandles?: () => number;
}

export interface TtsConformanceOptions {
  /** Languages to synthesise a sentence in. @default the provider's `languages` */
  languages?: string[];
  /** Plausible audio per character of text, [min, max] ms. @default [20, 200] */
  msPerCharRange?: [number, number];
  /** Per-test hang guard. @default 30000 */
  timeoutMs?: number;
  /** Aborted syntheses in the leak test. @default 20 */
  leakRounds?: number;
}

const sentences: Record<string, string> = {
  en: 'Your order of two pizzas will be ready for pick-up in twenty minutes.',
  nl: 'Uw bestelling van twee pizza’s is over twintig minuten klaar om af te halen.',
};
const longText =
  'Thank you for calling. I have one large Margherita, two Quattro Formaggi, a Calzone with ' +
  'extra ham, three bottles of sparkling water and a tiramisu for delivery to twelve Main Street. ' +
  'The total comes to fifty-four euros and it will arrive in about forty-five minutes.';

export function sentenceFor(language: string): string {
  return sentences[language.slice(0, 2).toLowerCase()] ?? sentences.en!;
}

export function describeTtsConformance(
  name: string,
  setup: () => Promise<TtsConformanceSetup>,
  options: TtsConformanceOptions = {},
): void {
  const timeout = options.timeoutMs ?? 30_000;
  const [minMsPerChar, maxMsPerChar] = options.msPerCharRange ?? [20, 200];
  let context: TtsConformanceSetup;
  const synth = (request: Omit<TtsRequest, 'language'> & { language?: string }) =>
    collect(
      context.provider.synthesize({
        language: context.provider.languages[0] ?? 'en-US',
        ...request,
      }),
    );

  void describe(`TTS conformance: ${name}`, () => {
    before(async () => {
      context = await setup();
    });
    after(async () => {
      await context?.close?.();
    });

    it(
      'speaks a sentence in each language as non-silent audio of plausible length',
      { timeout },
      async () => {
        const languages = options.languages ?? [...context.provider.languages];
        assert.ok(languages.length > 0, 'the provider names no language');
        for (const language of languages) {
          const text = sentenceFor(language);
          const chunks = await synth({ text, language, sampleRateHz: 16000 });
          assert.ok(chunks.length >= 1, `${language}: no chunk`);
          const audio = concat(chunks);
          const durationMs = (audio.length / 16000) * 1000;
          assert.ok(
            durationMs >= text.length * minMsPerChar && durationMs <= text.length * maxMsPerChar,
            `${language}: ${Math.round(durationMs)} ms of audio for ${text.length} characters`,
          );
          assert.ok(
            rms(audio) > 100,
            `${language}: audio is silent (RMS ${rms(audio).toFixed(1)})`,
          );
        }
      },
    );

    it(
      'delivers chunks at the requested rate, 8000 and 16000 Hz, of the same duration',
      { timeout },
      async () => {
        const text = sentenceFor('en');
        const durations: number[] = [];
        for (const sampleRateHz of [8000, 16000] as const) {
          const chunks = await synth({ text, sampleRateHz });
          assert.ok(chunks.length >= 1);
          for (const chunk of chunks) {
            assert.equal(chunk.sampleRateHz, sampleRateHz);
            assert.ok(chunk.pcm16 instanceof Int16Array);
          }
          durations.push(concat(chunks).length / sampleRateHz);
        }
        const [at8k, at16k] = durations as [number, number];
        assert.ok(
          Math.abs(at8k - at16k) / at16k < 0.1,
          `${at8k} s at 8 kHz vs ${at16k} s at 16 kHz`,
        );
      },
    );

    it('yields nothing for empty or blank text', { timeout }, async () => {
      assert.deepEqual(await synth({ text: '', sampleRateHz: 8000 }), []);
      assert.deepEqual(await synth({ text: '  \n ', sampleRateHz: 8000 }), []);
    });

    it('yields nothing for an already-aborted signal and ends cleanly', { timeout }, async () => {
      const baseline = context.liveHandles?.();
      const controller = new AbortController();
      controller.abort();
      const chunks: TtsChunk[] = [];
      try {
        for await (const chunk of context.provider.synthesize({
          text: sentenceFor('en'),
          language: context.provider.languages[0] ?? 'en-US',
          sampleRateHz: 8000,
          signal: controller.signal,
        })) {
          chunks.push(chunk);
        }
      } catch (error) {
        assert.ok(error instanceof AbortedError, `threw ${String(error)}, not an AbortedError`);
      }
      assert.equal(chunks.length, 0);
      await assertReleased(context, baseline);
    });

    it('stops at once when aborted mid-stream and releases what it held', { timeout }, async () => {
      const baseline = context.liveHandles?.();
      const controller = new AbortController();
      const stream = context.provider.synthesize({
        text: longText,
        language: 'en-US',
        sampleRateHz: 8000,
        signal: controller.signal,
      });
      const iterator = stream[Symbol.asyncIterator]();
      const first = await iterator.next();
      assert.equal(first.done, false, 'no first chunk');
      controller.abort();
      const next = await settleWithin(
        iterator.next().then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
        5_000,
      );
      assert.notEqual(next, 'timeout', 'the stream did not end after abort');
      if (next !== 'timeout') {
        if ('error' in next)
          assert.ok(next.error instanceof AbortedError, `threw ${String(next.error)}`);
        else assert.equal(next.result.done, true, 'a chunk came after abort');
      }
      await assertReleased(context, baseline);
    });

    it('releases everything when the consumer stops reading early', { timeout }, async () => {
      const baseline = context.liveHandles?.();
      for await (const chunk of context.provider.synthesize({
        text: longText,
        language: 'en-US',
        sampleRateHz: 8000,
      })) {
        assert.ok(chunk.pcm16.length > 0);
        break;
      }
      await assertReleased(context, baseline);
    });

    it('keeps concurrent syntheses apart', { timeout }, async () => {
      const short = 'One Margherita, please.';
      const alone = {
        short: durationMs(await synth({ text: short, sampleRateHz: 8000 })),
        long: durationMs(await synth({ text: longText, sampleRateHz: 8000 })),
      };
      assert.ok(alone.long > 2 * alone.short, 'the texts must differ in length for this test');
      const [shortTogether, longTogether, shortAgain] = await Promise.all([
        synth({ text: short, sampleRateHz: 8000 }),
        synth({ text: longText, sampleRateHz: 8000 }),
        synth({ text: short, sampleRateHz: 8000 }),
      ]);
      for (const [together, expected] of [
        [shortTogether!, alone.short],
        [longTogether!, alone.long],
        [shortAgain!, alone.short],
      ] as const) {
        const actual = durationMs(together);
        assert.ok(
          Math.abs(actual - expected) / expected < 0.1,
          `${actual} ms together vs ${expected} ms alone`,
        );
      }
    });

    it('leaks nothing over many aborted syntheses', { timeout }, async () => {
      const baseline = context.liveHandles?.();
      const rounds = options.leakRounds ?? 20;
      for (let round = 0; round < rounds; round += 1) {
        const controller = new AbortController();
        const stream = context.provider.synthesize({
          text: longText,
          language: 'en-US',
          sampleRateHz: 8000,
          signal: controller.signal,
        });
        // Abort before the first chunk, after it, or after a few: every path must release.
        const abortAfterChunks = round % 3;
        if (abortAfterChunks === 0) controller.abort();
        let seen = 0;
        try {
          for await (const _chunk of stream) {
            seen += 1;
            if (seen >= abortAfterChunks) controller.abort();
          }
        } catch (error) {
          assert.ok(error instanceof AbortedError, `threw ${String(error)}`);
        }
      }
      await assertReleased(context, baseline);
    });
  });
}

async function collect(stream: AsyncIterable<TtsChunk>): Promise<TtsChunk[]> {
  const chunks: TtsChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function concat(chunks: readonly TtsChunk[]): Int16Array {
  const audio = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.pcm16.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    audio.set(chunk.pcm16, offset);
    offset += chunk.pcm16.length;
  }
  return audio;
}

function durationMs(chunks: readonly TtsChunk[]): number {
  const rate: SampleRateHz = chunks[0]?.sampleRateHz ?? 8000;
  return (concat(chunks).length / rate) * 1000;
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** Waits (bounded: a hang guard) for the provider's live handles to return to `baseline`. */
async function assertReleased(context: TtsConformanceSetup, baseline = 0): Promise<void> {
  const liveHandles = context.liveHandles;
  if (liveHandles === undefined) return;
  for (let attempt = 0; attempt < 250 && liveHandles() > baseline; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const held = liveHandles();
  assert.ok(
    held <= baseline,
    `the provider holds ${held} handles after the synthesis, ${baseline} before`,
  );
}
