import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SampleRateHz } from '../../../data/pipeline/audio/audio-format.ts';
import { decodeMulaw, encodeMulaw } from '../../../data/pipeline/audio/g711.ts';
import type { TtsChunk } from '../../../data/pipeline/tts/tts-provider.ts';
import {
  AbortedError,
  ConfigError,
  UnavailableError,
  ValidationError,
} from '../../../platform/errors.ts';
import { ElevenLabsTtsProvider } from './elevenlabs-tts-provider.ts';
import type { ElevenLabsTtsOptions } from './elevenlabs-options.ts';
import {
  fakeSpeech,
  startFakeElevenLabsServer,
  type FakeElevenLabsServer,
} from './testing/fake-elevenlabs-server.ts';

const apiKey = 'fake-elevenlabs-key';
const text = 'Two Margherita pizzas, ready in twenty minutes.';

async function collect(stream: AsyncIterable<TtsChunk>): Promise<TtsChunk[]> {
  const chunks: TtsChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function concat(chunks: readonly TtsChunk[]): Int16Array {
  const out = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.pcm16.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk.pcm16, offset);
    offset += chunk.pcm16.length;
  }
  return out;
}

/** Waits (bounded: a hang guard, not a timing assertion) until the server has no open response. */
async function allReleased(server: FakeElevenLabsServer): Promise<void> {
  for (let attempt = 0; attempt < 250 && server.openResponses() > 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(server.openResponses(), 0, 'the server still has a request open');
}

describe('ElevenLabs streaming TTS adapter', () => {
  let server: FakeElevenLabsServer;
  let tts: ElevenLabsTtsProvider;
  const make = (options: Partial<ElevenLabsTtsOptions> = {}) =>
    new ElevenLabsTtsProvider({ apiKey, baseUrl: server.baseUrl, ...options });

  before(async () => {
    server = await startFakeElevenLabsServer({ apiKey });
    tts = make({ voices: { nl: 'NlVoice0000000000001' } });
  });
  after(() => server.close());

  describe('happy path', () => {
    it('streams PCM16 at 16 kHz sample-exact across chunks that split samples', async () => {
      const chunks = await collect(
        tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000 }),
      );
      assert.ok(chunks.length > 3, `${chunks.length} chunks: the audio must arrive in pieces`);
      assert.ok(chunks.every((chunk) => chunk.sampleRateHz === 16000));
      assert.deepEqual(concat(chunks), fakeSpeech(text, 16000));
      const request = server.requests.at(-1)!;
      assert.equal(request.outputFormat, 'pcm_16000');
      assert.equal(request.voiceId, '21m00Tcm4TlvDq8ikWAM');
      assert.deepEqual(request.body, {
        text,
        model_id: 'eleven_flash_v2_5',
        language_code: 'en',
      });
      assert.equal(tts.activeRequests, 0);
    });

    it('asks for ulaw_8000 at 8 kHz and decodes it', async () => {
      const chunks = await collect(tts.synthesize({ text, language: 'nl-NL', sampleRateHz: 8000 }));
      assert.deepEqual(concat(chunks), decodeMulaw(encodeMulaw(fakeSpeech(text, 8000))));
      const request = server.requests.at(-1)!;
      assert.equal(request.outputFormat, 'ulaw_8000');
      assert.equal(request.voiceId, 'NlVoice0000000000001');
      assert.equal(request.body.language_code, 'nl');
    });

    for (const [rate, format] of [
      [22050, 'pcm_22050'],
      [24000, 'pcm_24000'],
      [48000, 'pcm_24000'],
    ] as [SampleRateHz, string][]) {
      it(`delivers ${rate} Hz (vendor ${format}) with the right duration`, async () => {
        const chunks = await collect(
          tts.synthesize({
            text,
            language: 'en-US',
            sampleRateHz: rate,
            voice: 'AnotherVoice00000001',
          }),
        );
        assert.equal(server.requests.at(-1)!.outputFormat, format);
        assert.equal(server.requests.at(-1)!.voiceId, 'AnotherVoice00000001');
        assert.ok(chunks.every((chunk) => chunk.sampleRateHz === rate));
        const seconds = concat(chunks).length / rate;
        assert.ok(Math.abs(seconds - (text.length * 60) / 1000) < 0.01, `${seconds} s`);
      });
    }

    it('sends voice settings, and no language_code to a model that refuses it', async () => {
      const multilingual = make({
        modelId: 'eleven_multilingual_v2',
        voiceSettings: { stability: 0.5, similarity_boost: 0.8 },
      });
      await collect(multilingual.synthesize({ text, language: 'en-US', sampleRateHz: 16000 }));
      assert.deepEqual(server.requests.at(-1)!.body, {
        text,
        model_id: 'eleven_multilingual_v2',
        voice_settings: { stability: 0.5, similarity_boost: 0.8 },
      });
      assert.equal(multilingual.name, 'elevenlabs/eleven_multilingual_v2');
    });

    it('sends nothing for blank text', async () => {
      const before = server.requests.length;
      assert.deepEqual(
        await collect(tts.synthesize({ text: ' \n', language: 'en-US', sampleRateHz: 8000 })),
        [],
      );
      assert.equal(server.requests.length, before);
    });
  });

  describe('errors carry retry semantics', () => {
    it('a wrong key → ConfigError (never) naming ELEVENLABS_API_KEY', async () => {
      const wrong = new ElevenLabsTtsProvider({ apiKey: 'nope', baseUrl: server.baseUrl });
      await assert.rejects(
        collect(wrong.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.retryable, false);
          assert.match(error.message, /401: invalid_api_key — Invalid API key.*ELEVENLABS_API_KEY/);
          return true;
        },
      );
    });

    it('422 → ValidationError (never) with the offending fields', async () => {
      server.failNext('unprocessable');
      await assert.rejects(
        collect(tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => {
          assert.ok(error instanceof ValidationError);
          assert.equal(error.retryable, false);
          assert.deepEqual(error.issues, [
            { path: 'body.voice_settings.stability', message: 'out of range' },
          ]);
          return true;
        },
      );
    });

    it('an unknown voice → 404 ConfigError', async () => {
      await assert.rejects(
        collect(
          tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000, voice: 'no-such-voice' }),
        ),
        (error) => error instanceof ConfigError && /404.*voice_not_found/.test(error.message),
      );
    });

    it('429 → UnavailableError (retryable) with Retry-After in ms', async () => {
      server.failNext('rate-limited');
      await assert.rejects(
        collect(tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => {
          assert.ok(error instanceof UnavailableError);
          assert.equal(error.retryable, true);
          assert.equal(error.retryAfterMs, 3000);
          assert.match(error.message, /too_many_concurrent_requests/);
          return true;
        },
      );
    });

    it('500 and a proxy HTML page → UnavailableError with a readable message', async () => {
      server.failNext('server-error', 'html-error');
      await assert.rejects(
        collect(tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => {
          return error instanceof UnavailableError && /500: internal_error/.test(error.message);
        },
      );
      await assert.rejects(
        collect(tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => {
          return (
            error instanceof UnavailableError && /502: <html>.*Bad Gateway/.test(error.message)
          );
        },
      );
    });

    it('JSON where audio belongs → UnavailableError, not noise', async () => {
      server.failNext('json-instead-of-audio');
      await assert.rejects(
        collect(tts.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => error instanceof UnavailableError && /without audio/.test(error.message),
      );
    });

    it('a connection reset mid-stream → UnavailableError after the chunks already yielded', async () => {
      server.failNext('reset-mid-stream');
      const chunks: TtsChunk[] = [];
      await assert.rejects(
        (async () => {
          for await (const chunk of tts.synthesize({
            text,
            language: 'en-US',
            sampleRateHz: 16000,
          })) {
            chunks.push(chunk);
          }
        })(),
        (error) => error instanceof UnavailableError && /mid-stream/.test(error.message),
      );
      assert.ok(chunks.length > 0);
      await allReleased(server);
    });

    for (const failure of ['stall-before-headers', 'stall-after-headers'] as const) {
      it(`no audio within firstChunkTimeoutMs (${failure}) → UnavailableError, request cancelled`, async () => {
        server.failNext(failure);
        const impatient = make({ firstChunkTimeoutMs: 100 });
        await assert.rejects(
          collect(impatient.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
          (error) => {
            assert.ok(error instanceof UnavailableError, String(error));
            assert.match(error.message, /no audio within 100 ms/);
            return true;
          },
        );
        await allReleased(server);
        assert.equal(impatient.activeRequests, 0);
      });
    }

    it('nothing listening → UnavailableError', async () => {
      const gone = await startFakeElevenLabsServer();
      await gone.close();
      const unreachable = new ElevenLabsTtsProvider({ apiKey, baseUrl: gone.baseUrl });
      await assert.rejects(
        collect(unreachable.synthesize({ text, language: 'en-US', sampleRateHz: 16000 })),
        (error) => error instanceof UnavailableError && /before answering/.test(error.message),
      );
    });
  });

  describe('cancellation', () => {
    it('abort mid-stream throws AbortedError and the server sees the request closed', async () => {
      const cancelledBefore = server.cancelledResponses;
      const controller = new AbortController();
      const long = text.repeat(6);
      const received: TtsChunk[] = [];
      await assert.rejects(
        (async () => {
          for await (const chunk of tts.synthesize({
            text: long,
            language: 'en-US',
            sampleRateHz: 16000,
            signal: controller.signal,
          })) {
            received.push(chunk);
            if (received.length === 2) controller.abort();
          }
        })(),
        AbortedError,
      );
      assert.equal(received.length, 2);
      await allReleased(server);
      assert.equal(server.cancelledResponses, cancelledBefore + 1);
    });

    it('a consumer that stops reading cancels the request', async () => {
      const cancelledBefore = server.cancelledResponses;
      for await (const _chunk of tts.synthesize({
        text: text.repeat(6),
        language: 'en-US',
        sampleRateHz: 8000,
      })) {
        break;
      }
      await allReleased(server);
      assert.equal(server.cancelledResponses, cancelledBefore + 1);
      assert.equal(tts.activeRequests, 0);
    });

    it('an already-aborted signal sends nothing', async () => {
      const before = server.requests.length;
      await assert.rejects(
        collect(
          tts.synthesize({
            text,
            language: 'en-US',
            sampleRateHz: 8000,
            signal: AbortSignal.abort(),
          }),
        ),
        AbortedError,
      );
      assert.equal(server.requests.length, before);
    });
  });

  describe('options', () => {
    it('a missing key is a ConfigError naming ELEVENLABS_API_KEY', () => {
      assert.throws(
        () => new ElevenLabsTtsProvider({ apiKey: '  ' }),
        (error) => error instanceof ConfigError && /ELEVENLABS_API_KEY/.test(error.message),
      );
      assert.throws(
        () => new ElevenLabsTtsProvider({} as ElevenLabsTtsOptions),
        (error) => error instanceof ConfigError && /apiKey/.test(error.message),
      );
    });

    it('rejects a bad base URL and out-of-range voice settings', () => {
      assert.throws(
        () => new ElevenLabsTtsProvider({ apiKey, baseUrl: 'ftp://x' }),
        (error) => error instanceof ConfigError && /baseUrl/.test(error.message),
      );
      assert.throws(
        () => new ElevenLabsTtsProvider({ apiKey, voiceSettings: { stability: 2 } }),
        (error) => error instanceof ConfigError && /voiceSettings\.stability/.test(error.message),
      );
    });
  });
});
