/**
 * A scripted ASR provider for tests of the pipeline and the orchestrator: each utterance (taken
 * in flush order across all streams of the provider) says what was "heard", how its partials
 * unfold word by word, how long each step takes, and how it fails. It ignores the audio.
 *
 * Timeline of one utterance: the first `write` after the previous flush starts it; after
 * `firstPartialDelayMs` the first word comes as a partial, then one more word every
 * `partialEveryMs`; `flush` cancels partials still to come and, after `finalDelayMs`, emits the
 * final with the whole text.
 */
import { delay as platformDelay, systemClock, type Clock } from '../../../../platform/clock.ts';
import { AbortedError } from '../../../../platform/errors.ts';
import type { SampleRateHz } from '../../audio/audio-format.ts';
import { AsrStreamClosedError, UnsupportedSampleRateError } from '../asr-errors.ts';
import { AsrEventQueue } from '../asr-event-queue.ts';
import type {
  AsrEvent,
  AsrExpectation,
  AsrProvider,
  AsrStream,
  AsrStreamOptions,
} from '../asr-provider.ts';

export const ScriptedFailure = {
  /** An error event (retryable) before the first partial; the stream then ends. */
  error: 'error',
  /** Nothing at all for this utterance, not even after flush: for first-token timeouts. */
  stall: 'stall',
  /** Partials and a final of nonsense words. */
  garbage: 'garbage',
  /** After the first partial the vendor hangs up: the events end with no final and no error. */
  close: 'close',
} as const;
export type ScriptedFailure = (typeof ScriptedFailure)[keyof typeof ScriptedFailure];

export interface ScriptedUtterance {
  text: string;
  /** Between partials. @default 50 (0: all partials at once, in the first write's call) */
  partialEveryMs?: number;
  /** From the utterance's first audio to its first partial. @default 100 (0: at once) */
  firstPartialDelayMs?: number;
  /** From `flush` to the final. @default 50 */
  finalDelayMs?: number;
  fail?: ScriptedFailure;
}

export interface ScriptedAsrOptions {
  utterances: readonly ScriptedUtterance[];
  /** @default 'scripted' */
  name?: string;
  /** Start the script again when it runs out; otherwise later flushes yield an empty final. */
  repeat?: boolean;
  sampleRatesHz?: readonly SampleRateHz[];
  /** Source of `atMs`. @default the system clock */
  clock?: Clock;
  /** Waits; inject one that resolves at once (or on a manual clock) to run without real time. */
  delay?: (durationMs: number, signal: AbortSignal) => Promise<void>;
  /** Confidence reported on finals. @default 0.9 */
  confidence?: number;
}

/** The nonsense a `garbage` utterance is heard as. */
export const garbageText = 'grmbl zzk vrrt ak ak fnord';

export class ScriptedAsr implements AsrProvider {
  readonly name: string;
  readonly sampleRatesHz: readonly SampleRateHz[];
  /** Streams opened so far, and how many are still open: to check that none leak. */
  streamsOpened = 0;
  openStreams = 0;
  /** Samples written over all streams, and flushes: to observe what the pipeline sent. */
  samplesWritten = 0;
  flushes = 0;
  /** Every `expect` hint received, in order, over all streams (the script ignores them). */
  readonly expectations: AsrExpectation[] = [];
  private nextUtterance = 0;

  constructor(readonly options: ScriptedAsrOptions) {
    this.name = options.name ?? 'scripted';
    this.sampleRatesHz = options.sampleRatesHz ?? [8000, 16000];
  }

  open(options: AsrStreamOptions): Promise<AsrStream> {
    if (!this.sampleRatesHz.includes(options.sampleRateHz)) {
      return Promise.reject(
        new UnsupportedSampleRateError(this.name, options.sampleRateHz, this.sampleRatesHz),
      );
    }
    if (options.signal?.aborted) {
      return Promise.reject(new AbortedError('the ASR stream was cancelled before it opened'));
    }
    this.streamsOpened += 1;
    this.openStreams += 1;
    return Promise.resolve(new ScriptedStream(this, options.signal));
  }

  /** @internal The next utterance of the script, in flush order. */
  takeUtterance(): ScriptedUtterance {
    const { utterances, repeat } = this.options;
    let index = this.nextUtterance;
    if (repeat && utterances.length > 0) index %= utterances.length;
    this.nextUtterance += 1;
    return utterances[index] ?? { text: '' };
  }

  /** @internal */
  streamClosed(): void {
    this.openStreams -= 1;
  }

  /** @internal */
  wait(durationMs: number, signal: AbortSignal): Promise<void> {
    return (this.options.delay ?? platformDelay)(durationMs, signal);
  }

  /** @internal */
  nowMs(): number {
    return (this.options.clock ?? systemClock).monotonicMs();
  }
}

class ScriptedStream implements AsrStream {
  private readonly queue = new AsrEventQueue();
  /** Cancels the current utterance's timers; replaced for each utterance. */
  private utteranceAbort = new AbortController();
  private readonly streamAbort = new AbortController();
  private current: { utterance: ScriptedUtterance; partials: Promise<void> } | undefined;
  /** Serialises finals so two quick flushes keep their order. */
  private finals: Promise<void> = Promise.resolve();
  private closedByCaller = false;
  private released = false;
  private readonly onAbort = () => {
    this.closedByCaller = true;
    this.release(true);
  };

  constructor(
    private readonly provider: ScriptedAsr,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  write(pcm16: Int16Array): boolean {
    if (this.closedByCaller) throw new AsrStreamClosedError(this.provider.name);
    this.provider.samplesWritten += pcm16.length;
    // After a scripted failure the audio is dropped, as a dead vendor connection would.
    if (!this.current && !this.queue.isEnded) {
      const utterance = this.provider.takeUtterance();
      this.current = { utterance, partials: this.unfold(utterance, this.utteranceAbort.signal) };
    }
    return true;
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  flush(): void {
    if (this.closedByCaller) throw new AsrStreamClosedError(this.provider.name);
    this.provider.flushes += 1;
    // A flush with no audio is still an utterance of the script (heard as its text).
    const current = this.current ?? {
      utterance: this.provider.takeUtterance(),
      partials: Promise.resolve(),
    };
    this.current = undefined;
    this.utteranceAbort.abort();
    this.utteranceAbort = new AbortController();
    const previous = this.finals;
    this.finals = (async () => {
      await previous;
      await current.partials;
      await this.finish(current.utterance);
    })();
  }

  expect(expectation: AsrExpectation): void {
    this.provider.expectations.push(expectation);
  }

  events(): AsyncIterable<AsrEvent> {
    return this.queue.events();
  }

  async close(): Promise<void> {
    this.closedByCaller = true;
    await this.finals;
    this.release(false);
  }

  private async unfold(utterance: ScriptedUtterance, signal: AbortSignal): Promise<void> {
    const words = (utterance.fail === 'garbage' ? garbageText : utterance.text)
      .split(/\s+/)
      .filter(Boolean);
    try {
      if (utterance.fail === 'stall') return;
      const firstPartialDelayMs = utterance.firstPartialDelayMs ?? 100;
      // A zero delay is taken at once, without yielding: partials then precede even a flush
      // written in the same tick (how the conformance suite drives the fake).
      if (firstPartialDelayMs > 0) await this.wait(firstPartialDelayMs, signal);
      if (utterance.fail === 'error') {
        this.emit({ type: 'error', message: 'scripted ASR failure', retryable: true });
        this.release(false);
        return;
      }
      for (let count = 1; count <= words.length; count += 1) {
        const partialEveryMs = utterance.partialEveryMs ?? 50;
        if (count > 1 && partialEveryMs > 0) await this.wait(partialEveryMs, signal);
        this.emit({ type: 'partial', text: words.slice(0, count).join(' ') });
        if (utterance.fail === 'close') {
          this.release(false);
          return;
        }
      }
    } catch {
      // Cancelled by flush, close or abort: the remaining partials are not sent.
    }
  }

  private async finish(utterance: ScriptedUtterance): Promise<void> {
    if (this.queue.isEnded || utterance.fail === 'stall') return;
    if (utterance.fail === 'error' || utterance.fail === 'close') {
      // Flushed before the scripted failure fired: it fires now, still with no final.
      this.emit(
        utterance.fail === 'error'
          ? { type: 'error', message: 'scripted ASR failure', retryable: true }
          : undefined,
      );
      this.release(false);
      return;
    }
    try {
      await this.wait(utterance.finalDelayMs ?? 50, this.streamAbort.signal);
    } catch {
      return;
    }
    const text = utterance.fail === 'garbage' ? garbageText : utterance.text;
    this.emit({
      type: 'final',
      text,
      confidence: text === '' ? undefined : (this.provider.options.confidence ?? 0.9),
    });
  }

  private wait(durationMs: number, signal: AbortSignal): Promise<void> {
    return this.provider.wait(durationMs, AbortSignal.any([signal, this.streamAbort.signal]));
  }

  private emit(event: DistributiveOmit<AsrEvent, 'atMs'> | undefined): void {
    if (event) this.queue.push({ ...event, atMs: this.provider.nowMs() } as AsrEvent);
  }

  /** Stops every timer and ends the events; `dropQueued` for an abort. */
  private release(dropQueued: boolean): void {
    if (dropQueued) this.queue.endNow();
    else this.queue.end();
    if (this.released) return;
    this.released = true;
    this.utteranceAbort.abort();
    this.streamAbort.abort();
    this.signal?.removeEventListener('abort', this.onAbort);
    this.provider.streamClosed();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
