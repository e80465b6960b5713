import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AsrEvent, AsrStream } from '../../../data/pipeline/asr/asr-provider.ts';
import { AbortedError, ConfigError, UnavailableError } from '../../../platform/errors.ts';
import { DeepgramAsrProvider } from './deepgram-asr-provider.ts';
import { connectDeepgram } from './deepgram-connection.ts';
import { parseDeepgramAsrOptions, type DeepgramAsrOptions } from './deepgram-options.ts';
import { deepgramListenUrl } from './deepgram-url.ts';
import {
  startFakeDeepgramServer,
  type FakeDeepgramOptions,
  type FakeDeepgramServer,
} from './testing/fake-deepgram-server.ts';

const apiKey = 'fake-deepgram-key';

/** Events of a stream as they arrive, and a way to wait for one. */
class EventLog {
  readonly events: AsrEvent[] = [];
  readonly ended: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(stream: AsrStream) {
    this.ended = (async () => {
      for await (const event of stream.events()) {
        this.events.push(event);
        for (const wake of this.waiters.splice(0)) wake();
      }
      for (const wake of this.waiters.splice(0)) wake();
    })();
  }

  async next<T extends AsrEvent['type']>(
    type: T,
    after = 0,
  ): Promise<Extract<AsrEvent, { type: T }>> {
    for (;;) {
      const found = this.events.slice(after).find((event) => event.type === type);
      if (found) return found as Extract<AsrEvent, { type: T }>;
      const ended = await Promise.race([
        this.ended.then(() => true),
        new Promise<false>((resolve) => this.waiters.push(() => resolve(false))),
      ]);
      if (ended && !this.events.slice(after).some((event) => event.type === type)) {
        throw new Error(`the stream ended without a ${type} event: ${JSON.stringify(this.events)}`);
      }
    }
  }

  count(type: AsrEvent['type']): number {
    return this.events.filter((event) => event.type === type).length;
  }
}

/** `ms` of 16 kHz PCM16 in 20 ms frames (a quiet sine: content does not matter to the fake). */
async function speak(stream: AsrStream, ms: number, sampleRateHz = 16000): Promise<void> {
  const samples = (sampleRateHz * 20) / 1000;
  for (let t = 0; t < ms; t += 20) {
    const frame = new Int16Array(samples);
    for (let i = 0; i < samples; i++) frame[i] = Math.round(1000 * Math.sin(i / 5));
    if (!stream.write(frame)) await stream.drained();
  }
}

async function withServer(
  fake: FakeDeepgramOptions,
  run: (server: FakeDeepgramServer) => Promise<void>,
): Promise<void> {
  const server = await startFakeDeepgramServer({ apiKey, ...fake });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

function provider(server: FakeDeepgramServer, options: Partial<DeepgramAsrOptions> = {}) {
  return new DeepgramAsrProvider({ apiKey, baseUrl: server.baseUrl, ...options });
}

describe('Deepgram live streaming adapter', () => {
  it("times each final word from its own audio, by Deepgram's word end times", async () => {
    await withServer(
      { utterances: ['two margherita pizzas', 'one coke please'] },
      async (server) => {
        // A frozen clock moved between utterances: every lag is 0 if and only if each word was
        // mapped to the audio of its own utterance (the second one's would otherwise lag 60 s).
        let nowMs = 1_000;
        const clock = { monotonicMs: () => nowMs, now: () => new Date(nowMs) };
        const stream = await new DeepgramAsrProvider(
          { apiKey, baseUrl: server.baseUrl },
          clock,
        ).open({ sampleRateHz: 16000, language: 'en-US' });
        const log = new EventLog(stream);
        const finals = [];
        for (const atMs of [1_000, 61_000]) {
          nowMs = atMs;
          const mark = log.events.length;
          await speak(stream, 300);
          stream.flush();
          finals.push(await log.next('final', mark));
        }
        await stream.close();
        await log.ended;
        assert.deepEqual(
          finals.map((final) => [final.text, final.wordLagsMs]),
          [
            ['two margherita pizzas', [0, 0, 0]],
            ['one coke please', [0, 0, 0]],
          ],
        );
      },
    );
  });

  describe('happy path', () => {
    let server: FakeDeepgramServer;
    before(async () => {
      server = await startFakeDeepgramServer({
        apiKey,
        utterances: ['two margherita pizzas', ['one salmon nigiri', 'and a coke please']],
      });
    });
    after(() => server.close());

    it('streams partials, then one final per flush, then closes with CloseStream', async () => {
      const asr = provider(server);
      const stream = await asr.open({
        sampleRateHz: 16000,
        language: 'en-US',
        vocabulary: ['Margherita', 'salmon nigiri', 'margherita'],
      });
      const log = new EventLog(stream);
      const connection = server.connections.at(-1);
      assert.ok(connection);
      const params = connection.params;
      assert.equal(params.get('encoding'), 'linear16');
      assert.equal(params.get('sample_rate'), '16000');
      assert.equal(params.get('channels'), '1');
      assert.equal(params.get('interim_results'), 'true');
      assert.equal(params.get('model'), 'nova-3');
      assert.equal(params.get('language'), 'en-US');
      assert.deepEqual(params.getAll('keyterm'), ['Margherita', 'salmon nigiri']);

      // 200 ms reveals two of the three words: the last comes only with Finalize's answer.
      await speak(stream, 200);
      const partial = await log.next('partial');
      assert.match(partial.text, /^two/);
      stream.flush();
      const first = await log.next('final');
      assert.equal(first.text, 'two margherita pizzas');
      assert.ok(first.confidence !== undefined && first.confidence > 0 && first.confidence <= 1);

      // The second utterance is finalised by Deepgram in two segments; the final joins them.
      const mark = log.events.length;
      await speak(stream, 500);
      stream.flush();
      const second = await log.next('final', mark);
      assert.equal(second.text, 'one salmon nigiri and a coke please');
      const partials = log.events
        .slice(mark)
        .filter((event) => event.type === 'partial')
        .map((event) => event.text);
      assert.ok(partials.includes('one salmon nigiri and'), JSON.stringify(partials));

      await stream.close();
      await log.ended;
      await stream.close(); // idempotent
      assert.equal(connection.finalizes, 2);
      assert.equal(connection.closeStreams, 1);
      assert.equal(connection.emptyFrames, 0);
      assert.deepEqual(await connection.closed, { code: 1000, reason: '' });
      assert.equal(log.count('error'), 0);
      assert.ok(log.events.every((event, i, all) => i === 0 || event.atMs >= all[i - 1]!.atMs));
    });

    it('answers a flush without new audio at once, without asking Deepgram', async () => {
      const stream = await provider(server).open({ sampleRateHz: 16000, language: 'en-US' });
      const log = new EventLog(stream);
      stream.flush();
      const final = await log.next('final');
      assert.deepEqual([final.text, final.confidence], ['', undefined]);
      assert.equal(stream.write(new Int16Array(0)), true);
      await stream.close();
      await log.ended;
      const connection = server.connections.at(-1)!;
      assert.equal(connection.finalizes, 0);
      assert.equal(connection.audioFrames, 0);
    });
  });

  it('emits the final from what it heard when Deepgram never answers the Finalize', async () => {
    await withServer({ utterances: ['a large fries'], ignoreFinalize: true }, async (server) => {
      const stream = await provider(server, { finalizeTimeoutMs: 50 }).open({
        sampleRateHz: 16000,
        language: 'en-US',
      });
      const log = new EventLog(stream);
      await speak(stream, 200);
      await log.next('partial');
      stream.flush();
      const final = await log.next('final');
      assert.match(final.text, /^a large/);
      await stream.close();
    });
  });

  it('sends KeepAlive while the caller is silent, so Deepgram keeps the stream', async () => {
    await withServer({ idleTimeoutMs: 400 }, async (server) => {
      const stream = await provider(server, { keepAliveIntervalMs: 40 }).open({
        sampleRateHz: 8000,
        language: 'en-US',
      });
      const log = new EventLog(stream);
      const connection = server.connections[0]!;
      // Ten KeepAlives at 40 ms span well past the 400 ms idle window; a missing KeepAlive
      // ends the wait early through the server's 1011 close instead of hanging the test.
      let closedEarly = false;
      void connection.closed.then(() => (closedEarly = true));
      while (connection.keepAlives < 10 && !closedEarly) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(closedEarly, false);
      assert.equal(log.count('error'), 0);
      await stream.close();
      await log.ended;
      assert.equal(log.count('error'), 0);
      assert.equal((await connection.closed).code, 1000);
    });
  });

  it('applies back-pressure and releases it once the audio is sent', async () => {
    await withServer({}, async (server) => {
      const stream = await provider(server, { highWaterMarkBytes: 256 }).open({
        sampleRateHz: 16000,
        language: 'en-US',
      });
      assert.equal(stream.write(new Int16Array(320)), false);
      await stream.drained();
      await stream.close();
    });
  });

  describe('refused upgrades reject open() with retry semantics', () => {
    it('a wrong key → ConfigError (never retried) with dg-error', async () => {
      await withServer({}, async (server) => {
        const asr = new DeepgramAsrProvider({ apiKey: 'wrong', baseUrl: server.baseUrl });
        await assert.rejects(asr.open({ sampleRateHz: 16000, language: 'en-US' }), (error) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.retryable, false);
          assert.match(error.message, /401.*Invalid credentials.*DEEPGRAM_API_KEY/);
          assert.equal(typeof error.details.requestId, 'string');
          return true;
        });
      });
    });

    for (const [status, expected] of [
      [402, ConfigError],
      [429, UnavailableError],
      [503, UnavailableError],
    ] as const) {
      it(`${status} → ${expected.name}`, async () => {
        await withServer({ refuseUpgrade: { status, retryAfterSeconds: 2 } }, async (server) => {
          await assert.rejects(
            provider(server).open({ sampleRateHz: 16000, language: 'en-US' }),
            (error) => {
              assert.ok(error instanceof expected, String(error));
              assert.equal(error.retryable, expected === UnavailableError);
              if (status === 429) assert.equal(error.retryAfterMs, 2000);
              return true;
            },
          );
        });
      });
    }

    it('a parameter Deepgram rejects → 400 ConfigError', async () => {
      await withServer({}, async (server) => {
        // The adapter sends keyterm only to Nova-3; this is the request Deepgram refuses otherwise.
        const refused = new URL(`${server.baseUrl}/v1/listen?model=nova-2&keyterm=nigiri`);
        await assert.rejects(connectDeepgram(refused, apiKey, 2000, undefined), (error) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.retryable, false);
          assert.match(error.message, /400.*Keyterm/);
          return true;
        });
      });
    });

    it('nothing listening → UnavailableError', async () => {
      const server = await startFakeDeepgramServer({ apiKey });
      const baseUrl = server.baseUrl;
      await server.close();
      const asr = new DeepgramAsrProvider({ apiKey, baseUrl });
      await assert.rejects(asr.open({ sampleRateHz: 16000, language: 'en-US' }), UnavailableError);
    });

    it('an aborted signal → AbortedError, no connection', async () => {
      await withServer({}, async (server) => {
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(
          provider(server).open({
            sampleRateHz: 16000,
            language: 'en-US',
            signal: controller.signal,
          }),
          AbortedError,
        );
        assert.equal(server.upgradeAttempts, 0);
      });
    });
  });

  describe('failures mid-stream become one error event, then the events end', () => {
    const cases: {
      name: string;
      fake: FakeDeepgramOptions;
      retryable: boolean;
      message: RegExp;
      options?: Partial<DeepgramAsrOptions>;
    }[] = [
      {
        name: 'no audio or KeepAlive for the idle window → 1011 NET-0001, retryable',
        fake: { idleTimeoutMs: 100 },
        retryable: true,
        message: /1011 NET-0001/,
        options: { keepAliveIntervalMs: 60_000 },
      },
      {
        name: 'audio Deepgram cannot decode → 1008 DATA-0000, not retryable',
        fake: { rejectAudio: true },
        retryable: false,
        message: /1008 DATA-0000/,
      },
      {
        name: 'the connection drops (TCP reset) → retryable',
        fake: { dropAfterAudioMs: { afterMs: 100 } },
        retryable: true,
        message: /1006/,
      },
      {
        name: 'a frame that is not JSON → retryable protocol error',
        fake: { garbageAfterAudioMs: { afterMs: 100, kind: 'text' } },
        retryable: true,
        message: /not JSON/,
      },
      {
        name: 'a Results message of the wrong shape → retryable protocol error',
        fake: { garbageAfterAudioMs: { afterMs: 100, kind: 'malformed-results' } },
        retryable: true,
        message: /Results message of an unknown shape/,
      },
    ];
    for (const { name, fake, retryable, message, options } of cases) {
      it(name, async () => {
        await withServer({ utterances: ['hello there'], ...fake }, async (server) => {
          const stream = await provider(server, options).open({
            sampleRateHz: 16000,
            language: 'en-US',
          });
          const log = new EventLog(stream);
          if (!fake.idleTimeoutMs) await speak(stream, 300);
          const error = await log.next('error');
          assert.equal(error.retryable, retryable);
          assert.match(error.message, message);
          await log.ended;
          assert.equal(log.count('error'), 1);
          // The socket is gone on both sides and writing after the failure is harmless.
          await server.connections[0]!.closed;
          assert.equal(stream.write(new Int16Array(160)), true);
          await stream.close();
        });
      });
    }
  });

  it('abort mid-stream ends the events at once and releases the socket', async () => {
    await withServer({ utterances: ['one coke'] }, async (server) => {
      const controller = new AbortController();
      const stream = await provider(server).open({
        sampleRateHz: 16000,
        language: 'en-US',
        signal: controller.signal,
      });
      const log = new EventLog(stream);
      await speak(stream, 200);
      controller.abort();
      await log.ended;
      const closed = await server.connections[0]!.closed;
      assert.equal(closed.code, 1006);
      await stream.close();
      assert.equal(log.count('error'), 0);
    });
  });

  it('close() is bounded when Deepgram never closes after CloseStream', async () => {
    await withServer({ ignoreCloseStream: true }, async (server) => {
      const stream = await provider(server, { closeTimeoutMs: 50 }).open({
        sampleRateHz: 16000,
        language: 'en-US',
      });
      const log = new EventLog(stream);
      await stream.close();
      await log.ended;
      assert.equal(server.connections[0]!.closeStreams, 1);
      assert.equal((await server.connections[0]!.closed).code, 1006);
    });
  });

  describe('options', () => {
    it('a missing key is a ConfigError that names DEEPGRAM_API_KEY', () => {
      assert.throws(
        () => new DeepgramAsrProvider({ apiKey: '' }),
        (error) => error instanceof ConfigError && /DEEPGRAM_API_KEY/.test(error.message),
      );
      assert.throws(
        () => new DeepgramAsrProvider({} as DeepgramAsrOptions),
        (error) => error instanceof ConfigError && /apiKey/.test(error.message),
      );
    });

    it('rejects a base URL that is not a URL and a too-short utterance end', () => {
      assert.throws(
        () => new DeepgramAsrProvider({ apiKey, baseUrl: 'api.deepgram.com' }),
        (error) => error instanceof ConfigError && /baseUrl/.test(error.message),
      );
      assert.throws(
        () => new DeepgramAsrProvider({ apiKey, utteranceEndMs: 500 }),
        (error) => error instanceof ConfigError && /utteranceEndMs/.test(error.message),
      );
    });

    it('maps languages and vocabulary onto Deepgram parameters', () => {
      const settings = parseDeepgramAsrOptions({ apiKey, utteranceEndMs: 1000 });
      const dutch = deepgramListenUrl(settings, {
        sampleRateHz: 8000,
        language: 'nl-NL',
        vocabulary: Array.from({ length: 150 }, (_, i) => `item ${i}`),
      });
      assert.equal(dutch.origin, 'wss://api.deepgram.com');
      assert.equal(dutch.searchParams.get('language'), 'nl');
      assert.equal(dutch.searchParams.get('utterance_end_ms'), '1000');
      assert.equal(dutch.searchParams.getAll('keyterm').length, 100);
      const british = deepgramListenUrl(settings, { sampleRateHz: 8000, language: 'en-GB' });
      assert.equal(british.searchParams.get('language'), 'en-GB');
      // Older models take single-word `keywords` instead of phrase `keyterm`s.
      const nova2 = deepgramListenUrl(
        parseDeepgramAsrOptions({
          apiKey,
          model: 'nova-2-phonecall',
          languageCodes: { 'nl-NL': 'nl-BE' },
        }),
        { sampleRateHz: 8000, language: 'nl-NL', vocabulary: ['salmon nigiri', 'Salmon'] },
      );
      assert.deepEqual(nova2.searchParams.getAll('keywords'), ['salmon', 'nigiri']);
      assert.equal(nova2.searchParams.get('keyterm'), null);
      assert.equal(nova2.searchParams.get('language'), 'nl-BE');
    });
  });
});
