/**
 * An ASR provider that is an ordered list of vendors. The stream it opens feeds the current
 * vendor and keeps a copy of the audio of every utterance not yet finalised. When the vendor
 * fails — an error event, an unexpected end (`closed`), no partial within the first-token
 * timeout of the utterance's first audio, or no final within the gap timeout of a flush — its
 * stream is aborted and closed, the next vendor's stream is opened, the kept audio is replayed
 * into it (flushes included), and live audio continues there. The caller of `events()` sees one
 * stream.
 *
 * Only speech is written (the pipeline gates the recogniser with VAD), so silence from the
 * vendor while audio flows means it is stuck. Partials during speech are not watched for gaps:
 * recognisers legitimately send none while a hypothesis is unchanged; a stall mid-utterance is
 * caught at the flush.
 */
import { systemClock, type Clock } from '../../platform/clock.ts';
import { AbortedError, UnavailableError, errorMessage } from '../../platform/errors.ts';
import type { SampleRateHz } from '../pipeline/audio/audio-format.ts';
import { AsrStreamClosedError } from '../pipeline/asr/asr-errors.ts';
import { AsrEventQueue } from '../pipeline/asr/asr-event-queue.ts';
import type {
  AsrExpectation,
  AsrEvent,
  AsrProvider,
  AsrStream,
  AsrStreamOptions,
} from '../pipeline/asr/asr-provider.ts';
import type { FailoverCandidate, FailoverOptions } from './failover-types.ts';
import type { ProviderFailureKind } from './provider-health.ts';
import { systemTimers, type TimerHandle, type Timers } from './timers.ts';

export class FailoverAsr implements AsrProvider {
  readonly name: string;
  /** Rates every candidate takes, so the kept audio can be replayed into any of them. */
  readonly sampleRatesHz: readonly SampleRateHz[];

  constructor(private readonly options: FailoverOptions<AsrProvider>) {
    const [first, ...rest] = options.candidates;
    if (!first) throw new RangeError('FailoverAsr needs a candidate');
    this.name = options.candidates.map((candidate) => candidate.provider.name).join('|');
    this.sampleRatesHz = first.provider.sampleRatesHz.filter((rate) =>
      rest.every((candidate) => candidate.provider.sampleRatesHz.includes(rate)),
    );
    if (this.sampleRatesHz.length === 0) {
      throw new RangeError(`${this.name}: the candidates share no sample rate`);
    }
  }

  async open(options: AsrStreamOptions): Promise<AsrStream> {
    const stream = new FailoverAsrStream(this.options, options);
    await stream.start();
    return stream;
  }
}

interface Attempt {
  index: number;
  candidate: FailoverCandidate<AsrProvider>;
  abort: AbortController;
  stream: AsrStream | undefined;
  pump: Promise<void> | undefined;
}

class FailoverAsrStream implements AsrStream {
  private readonly queue = new AsrEventQueue();
  private readonly timers: Timers;
  private readonly clock: Clock;
  private attempt: Attempt | undefined;
  /** Audio of utterances flushed but not yet finalised, oldest first. */
  private readonly awaitingFinal: Int16Array[][] = [];
  /** What the caller is expected to say next (the session's hint), for a replacement vendor. */
  private expectation: AsrExpectation | undefined;
  /** Audio of the utterance being spoken (since the last flush). */
  private current: Int16Array[] = [];
  /** When the current utterance's first audio reached the current vendor. */
  private firstAudioAtMs: number | undefined;
  /** The current vendor has sent a partial for the current utterance: it is alive. */
  private utteranceHeard = false;
  private firstTokenTimer: TimerHandle | undefined;
  private finalTimer: TimerHandle | undefined;
  /** Between abandoning a vendor and the next one's stream being open. */
  private switching: Promise<void> | undefined;
  /** `close` or abort was called: no more failovers, no more writes. */
  private closed = false;
  /** Aborted: events still queued are dropped too. */
  private aborted = false;
  /** Every vendor failed: audio is dropped, not kept for a replay that will not come. */
  private exhausted = false;
  private readonly onAbort = () => void this.shutDown(true);

  constructor(
    private readonly options: FailoverOptions<AsrProvider>,
    private readonly streamOptions: AsrStreamOptions,
  ) {
    this.timers = options.timers ?? systemTimers;
    this.clock = options.clock ?? systemClock;
  }

  async start(): Promise<void> {
    if (this.streamOptions.signal?.aborted) {
      throw new AbortedError('the ASR stream was cancelled before it opened');
    }
    this.streamOptions.signal?.addEventListener('abort', this.onAbort, { once: true });
    await this.switchTo(0, undefined);
    if (this.aborted) throw new AbortedError('the ASR stream was cancelled while it opened');
    if (!this.attempt?.stream) {
      this.streamOptions.signal?.removeEventListener('abort', this.onAbort);
      throw new UnavailableError('no ASR vendor could open a stream');
    }
  }

  write(pcm16: Int16Array): boolean {
    if (this.closed) throw new AsrStreamClosedError('failover');
    if (this.exhausted) return true;
    this.current.push(pcm16);
    const stream = this.attempt?.stream;
    if (!stream || this.switching) return true; // kept; replayed when the next vendor is open
    this.watchFirstToken();
    try {
      return stream.write(pcm16);
    } catch (error) {
      this.fail('error', error);
      return true;
    }
  }

  drained(): Promise<void> {
    return this.switching || !this.attempt?.stream
      ? Promise.resolve()
      : this.attempt.stream.drained();
  }

  /** Passed to the current vendor, and to each one that replaces it (kept until changed). */
  expect(expectation: AsrExpectation): void {
    this.expectation = expectation;
    if (!this.switching) this.attempt?.stream?.expect?.(expectation);
  }

  flush(): void {
    if (this.closed) throw new AsrStreamClosedError('failover');
    if (this.exhausted) return;
    this.awaitingFinal.push(this.current);
    this.current = [];
    this.stopFirstTokenWatch();
    this.utteranceHeard = false;
    // Latency samples are first partials only: a final's wait includes the utterance itself.
    this.firstAudioAtMs = undefined;
    const stream = this.attempt?.stream;
    if (!stream || this.switching) return;
    this.watchFinal();
    try {
      stream.flush();
    } catch (error) {
      this.fail('error', error);
    }
  }

  events(): AsyncIterable<AsrEvent> {
    return this.queue.events();
  }

  async close(): Promise<void> {
    await this.shutDown(false);
  }

  /** Opens candidate `index` (or the next that opens) and replays the kept audio into it. */
  private async switchTo(index: number, reason: ProviderFailureKind | undefined): Promise<void> {
    const candidates = this.options.candidates;
    for (let at = index; at < candidates.length; at += 1) {
      if (this.closed) return;
      const candidate = candidates[at]!;
      const abort = new AbortController();
      const attempt: Attempt = { index: at, candidate, abort, stream: undefined, pump: undefined };
      this.attempt = attempt;
      const signal = this.streamOptions.signal
        ? AbortSignal.any([this.streamOptions.signal, abort.signal])
        : abort.signal;
      try {
        attempt.stream = await candidate.provider.open({ ...this.streamOptions, signal });
      } catch (error) {
        if (this.closed) return;
        this.options.health?.recordFailure(candidate.ref, 'error');
        this.options.onFailover?.({
          stage: 'asr',
          from: candidate.ref,
          to: candidates[at + 1]?.ref,
          reason: 'error',
          error,
        });
        continue;
      }
      if (this.closed) {
        abort.abort();
        await attempt.stream.close().catch(() => undefined);
        return;
      }
      attempt.pump = this.pump(attempt, attempt.stream);
      if (this.expectation) attempt.stream.expect?.(this.expectation);
      this.replay(attempt.stream);
      return;
    }
    this.attempt = undefined;
    this.exhausted = true;
    this.awaitingFinal.length = 0;
    this.current = [];
    if (reason !== undefined) {
      this.queue.push({
        type: 'error',
        message: 'every ASR vendor failed',
        retryable: false,
        atMs: this.clock.monotonicMs(),
      });
      this.queue.end();
    }
  }

  /** The kept audio into a fresh vendor stream: finished utterances with their flushes, then the live one. */
  private replay(stream: AsrStream): void {
    try {
      for (const utterance of this.awaitingFinal) {
        for (const pcm16 of utterance) stream.write(pcm16);
        stream.flush();
      }
      for (const pcm16 of this.current) stream.write(pcm16);
    } catch (error) {
      this.fail('error', error);
      return;
    }
    this.stopFirstTokenWatch();
    this.utteranceHeard = false;
    this.firstAudioAtMs = undefined;
    if (this.current.length > 0) this.watchFirstToken();
    this.stopFinalWatch();
    if (this.awaitingFinal.length > 0) this.watchFinal();
  }

  private async pump(attempt: Attempt, stream: AsrStream): Promise<void> {
    try {
      for await (const event of stream.events()) {
        if (this.attempt !== attempt || this.aborted) return;
        if (event.type === 'error') {
          if (this.closed) return;
          this.fail('error', new UnavailableError(event.message));
          return;
        }
        this.heard(attempt, event);
      }
    } catch (error) {
      if (this.attempt === attempt && !this.closed) this.fail('error', error);
      return;
    }
    // The vendor ended the stream without being asked to: a hang-up.
    if (this.attempt === attempt && !this.closed) {
      this.fail(
        'closed',
        new UnavailableError(`${attempt.candidate.provider.name} closed the stream`),
      );
    }
  }

  private heard(attempt: Attempt, event: AsrEvent): void {
    // The final of a flushed utterance (or a late partial of it, before new audio) says nothing
    // about the utterance being spoken: its first-token watch keeps running.
    const ofFlushed =
      event.type === 'final' ? this.awaitingFinal.length > 0 : this.current.length === 0;
    if (!ofFlushed) {
      if (this.firstAudioAtMs !== undefined) {
        this.options.health?.recordSuccess(
          attempt.candidate.ref,
          this.clock.monotonicMs() - this.firstAudioAtMs,
        );
        this.firstAudioAtMs = undefined;
      }
      this.stopFirstTokenWatch();
      this.utteranceHeard = true;
    }
    if (event.type === 'final') {
      this.awaitingFinal.shift();
      this.stopFinalWatch();
      if (this.awaitingFinal.length > 0) this.watchFinal();
    }
    this.queue.push(event);
  }

  /** Abandons the current vendor and moves to the next; idempotent while a switch runs. */
  private fail(reason: ProviderFailureKind, error: unknown): void {
    const attempt = this.attempt;
    if (this.closed || this.switching || !attempt) return;
    this.stopFirstTokenWatch();
    this.stopFinalWatch();
    this.options.health?.recordFailure(attempt.candidate.ref, reason);
    const next = this.options.candidates[attempt.index + 1];
    this.options.onFailover?.({
      stage: 'asr',
      from: attempt.candidate.ref,
      to: next?.ref,
      reason,
      error,
    });
    attempt.abort.abort(new AbortedError(`failover: ${errorMessage(error)}`));
    void attempt.stream?.close().catch(() => undefined);
    this.switching = this.switchTo(attempt.index + 1, reason).finally(() => {
      this.switching = undefined;
    });
  }

  private watchFirstToken(): void {
    if (this.utteranceHeard || this.firstTokenTimer !== undefined) return;
    const attempt = this.attempt;
    if (!attempt) return;
    this.firstAudioAtMs = this.clock.monotonicMs();
    this.firstTokenTimer = this.timers.setTimeout(() => {
      this.firstTokenTimer = undefined;
      if (this.attempt === attempt) this.fail('first_token_timeout', undefined);
    }, attempt.candidate.firstTokenTimeoutMs);
  }

  private stopFirstTokenWatch(): void {
    if (this.firstTokenTimer !== undefined) this.timers.clearTimeout(this.firstTokenTimer);
    this.firstTokenTimer = undefined;
  }

  private watchFinal(): void {
    if (this.finalTimer !== undefined) return;
    const attempt = this.attempt;
    this.finalTimer = this.timers.setTimeout(() => {
      this.finalTimer = undefined;
      if (this.attempt === attempt) this.fail('gap_timeout', undefined);
    }, this.options.gapTimeoutMs);
  }

  private stopFinalWatch(): void {
    if (this.finalTimer !== undefined) this.timers.clearTimeout(this.finalTimer);
    this.finalTimer = undefined;
  }

  private async shutDown(aborted: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.streamOptions.signal?.removeEventListener('abort', this.onAbort);
    this.stopFirstTokenWatch();
    this.stopFinalWatch();
    if (aborted) {
      this.aborted = true;
      this.queue.endNow();
      this.attempt?.abort.abort();
    }
    // A vendor still opening sees `closed` and closes its own stream.
    await this.switching;
    const attempt = this.attempt;
    // A caller's close lets the current vendor deliver the finals it owes, then ends.
    await attempt?.stream?.close().catch(() => undefined);
    await attempt?.pump;
    this.queue.end();
  }
}
