/**
 * One streaming recognition over a {@link PocketsphinxDecoder}. Audio is queued by `write` and
 * searched in slices of `partialIntervalMs` (so a partial is checked that often); a `flush`
 * marker in the queue ends the utterance there. One pump loop does the native calls in order.
 */
import type {
  AsrEvent,
  AsrExpectation,
  AsrStream,
} from '../../../data/pipeline/asr/asr-provider.ts';
import { AsrEventQueue } from '../../../data/pipeline/asr/asr-event-queue.ts';
import { AudioArrivalLog } from '../../../data/pipeline/asr/audio-arrival-log.ts';
import {
  wordEmissionLagsMs,
  type TimedPartial,
} from '../../../data/pipeline/asr/word-emission-lag.ts';
import { AsrStreamClosedError } from '../../../data/pipeline/asr/asr-errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import { errorMessage, isRetryable } from '../../../platform/errors.ts';
import type { SearchWeights } from './libpocketsphinx.ts';
import type { PocketsphinxDecoder } from './pocketsphinx-decoder.ts';

type QueueItem =
  | { kind: 'audio'; pcm16: Int16Array }
  | { kind: 'flush' }
  /** From here on (the next utterance to start), search with this model (undefined: `-lm`). */
  | { kind: 'expect'; searchName: string | undefined };

/** A language model for one answer kind, loaded into the decoder as a named search. */
export interface AnswerLanguageModel {
  name: string;
  languageModelPath: string;
  /** This search's own language weight / insertion penalty. */
  weights?: SearchWeights;
}

export interface PocketsphinxStreamOptions {
  providerName: string;
  sampleRateHz: number;
  /** Audio searched per native call; a partial is checked after each. */
  partialIntervalMs: number;
  /** Queued audio above which `write` returns false. */
  maxQueuedAudioMs: number;
  clock: Clock;
  signal?: AbortSignal;
  /** The answer model for a hint; undefined (or no lookup): the decoder's `-lm` model. */
  answerModelFor?: (expectation: AsrExpectation) => AnswerLanguageModel | undefined;
}

/** How far past the audio searched a word's aligned end may round (one 10 ms frame, and some). */
const alignmentToleranceMs = 20;

export class PocketsphinxStream implements AsrStream {
  private readonly queue = new AsrEventQueue();
  private readonly pending: QueueItem[] = [];
  private queuedSamples = 0;
  private lastPartial = '';
  /** When each write arrived, to tell how long after its audio a word was reported. */
  private readonly arrivals = new AudioArrivalLog();
  /** Samples handed to the decoder so far (its one stream: the decoder is this stream's own). */
  private searchedSamples = 0;
  /** The open utterance's partials, to tell when each word of its final first showed. */
  private partials: TimedPartial[] = [];
  private closed = false;
  private pumping: Promise<void> | undefined;
  private lookAgain = false;
  private drainWaiters: (() => void)[] = [];
  private readonly sliceSamples: number;
  private readonly maxQueuedSamples: number;
  private readonly onAbort = () => void this.shutDown('abort');
  private shutDownPromise: Promise<void> | undefined;

  constructor(
    private readonly decoder: PocketsphinxDecoder,
    private readonly options: PocketsphinxStreamOptions,
  ) {
    this.sliceSamples = Math.round((options.sampleRateHz * options.partialIntervalMs) / 1000);
    this.maxQueuedSamples = Math.round((options.sampleRateHz * options.maxQueuedAudioMs) / 1000);
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  write(pcm16: Int16Array): boolean {
    if (this.closed) throw new AsrStreamClosedError(this.options.providerName);
    // After a decoder failure (reported as an error event) audio is dropped until close.
    if (pcm16.length > 0 && !this.queue.isEnded) {
      this.pending.push({ kind: 'audio', pcm16: pcm16.slice() });
      this.queuedSamples += pcm16.length;
      this.arrivals.wrote(pcm16.length, this.options.clock.monotonicMs());
      this.pump();
    }
    return this.queuedSamples < this.maxQueuedSamples;
  }

  drained(): Promise<void> {
    const idle = this.pumping === undefined;
    if (this.closed || idle || this.queuedSamples < this.maxQueuedSamples / 2) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  flush(): void {
    if (this.closed) throw new AsrStreamClosedError(this.options.providerName);
    if (this.queue.isEnded) return;
    this.pending.push({ kind: 'flush' });
    this.pump();
  }

  /**
   * Utterances starting after this use the answer model of `expectation.kind` (the menu model for
   * kinds without one). An utterance already under way keeps its model.
   */
  expect(expectation: AsrExpectation): void {
    if (this.closed || this.queue.isEnded || !this.options.answerModelFor) return;
    const model = this.options.answerModelFor(expectation);
    // Loaded now, while the agent is still speaking; used from this point of the audio on, so
    // audio written before the hint (an answer not yet searched) keeps the model it was said to.
    if (model) this.decoder.loadLanguageModel(model.name, model.languageModelPath, model.weights);
    this.pending.push({ kind: 'expect', searchName: model?.name });
    this.pump();
  }

  events(): AsyncIterable<AsrEvent> {
    return this.queue.events();
  }

  /** Finishes the utterances already flushed, drops later audio, frees the decoder. */
  close(): Promise<void> {
    return this.shutDown('close');
  }

  private shutDown(how: 'close' | 'abort'): Promise<void> {
    if (how === 'abort') {
      // An abort drops everything at once, even during a graceful close.
      this.closed = true;
      this.pending.length = 0;
      this.queue.endNow();
    }
    this.shutDownPromise ??= this.release(how);
    return this.shutDownPromise;
  }

  private async release(how: 'close' | 'abort'): Promise<void> {
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (how === 'close') {
      // Audio after the last flush never becomes an utterance.
      const lastFlush = this.pending.map((item) => item.kind).lastIndexOf('flush');
      this.pending.length = lastFlush + 1;
      this.pump();
    }
    while (this.pumping) await this.pumping;
    await this.decoder.free();
    this.wakeWriters(true);
    this.queue.end();
  }

  private pump(): void {
    if (this.pumping) {
      // The loop may already have decided it is idle; have it look again when it ends.
      this.lookAgain = true;
      return;
    }
    this.pumping = this.runPump().finally(() => {
      this.pumping = undefined;
      if (this.lookAgain && !this.queue.isEnded) {
        this.lookAgain = false;
        this.pump();
      }
    });
  }

  private async runPump(): Promise<void> {
    while (!this.queue.isEnded) {
      this.lookAgain = false;
      const slice = this.nextSlice();
      if (slice === undefined) {
        // Idle until more audio comes: a writer waiting on `drained` must not wait for us.
        this.wakeWriters(true);
        return;
      }
      try {
        if (slice === 'flush') {
          const { text, confidence, wordEndsMs } = await this.decoder.finish();
          this.lastPartial = '';
          const atMs = this.options.clock.monotonicMs();
          const wordLagsMs = this.wordLagsMs(text, wordEndsMs, atMs);
          this.partials = [];
          this.emit({
            type: 'final',
            text,
            confidence,
            atMs,
            ...(wordLagsMs ? { wordLagsMs } : {}),
          });
        } else {
          if (!this.decoder.utteranceOpen) this.arrivals.forgetBefore(this.searchedSamples);
          this.searchedSamples += slice.length;
          const partial = await this.decoder.process(slice);
          if (partial !== '' && partial !== this.lastPartial) {
            this.lastPartial = partial;
            const atMs = this.options.clock.monotonicMs();
            this.partials.push({ words: partial.split(' '), atMs });
            this.emit({ type: 'partial', text: partial, atMs });
          }
        }
      } catch (error) {
        this.emit({
          type: 'error',
          message: `pocketsphinx failed: ${errorMessage(error)}`,
          retryable: isRetryable(error),
          atMs: this.options.clock.monotonicMs(),
        });
        this.pending.length = 0;
        this.queuedSamples = 0;
        this.wakeWriters(true);
        this.queue.end();
        return;
      }
    }
  }

  /**
   * Takes the next unit of work: `sliceSamples` of audio (a big write is split, so it stays
   * queued and counts against backpressure), the audio left before a flush marker, or the flush
   * itself. Undefined when too little audio is queued.
   */
  private nextSlice(): Int16Array | 'flush' | undefined {
    while (this.pending[0]?.kind === 'expect') {
      const { searchName } = this.pending.shift() as { kind: 'expect'; searchName?: string };
      this.decoder.useLanguageModel(searchName);
    }
    const first = this.pending[0];
    if (!first) return undefined;
    if (first.kind === 'flush') {
      this.pending.shift();
      return 'flush';
    }
    let available = 0;
    let flushFollows = false;
    for (const item of this.pending) {
      if (item.kind !== 'audio') {
        // A flush or a hint: the audio before it is searched now, even if short.
        flushFollows = true;
        break;
      }
      available += item.pcm16.length;
      if (available >= this.sliceSamples) break;
    }
    if (available < this.sliceSamples && !flushFollows) return undefined;
    const slice = new Int16Array(Math.min(available, this.sliceSamples));
    let filled = 0;
    while (filled < slice.length) {
      const item = this.pending[0] as { kind: 'audio'; pcm16: Int16Array };
      const taken = item.pcm16.subarray(0, slice.length - filled);
      slice.set(taken, filled);
      filled += taken.length;
      if (taken.length === item.pcm16.length) this.pending.shift();
      else item.pcm16 = item.pcm16.subarray(taken.length);
    }
    this.queuedSamples -= slice.length;
    this.wakeWriters(false);
    return slice;
  }

  /**
   * Each final word's emission lag: from when the audio up to its end (the decoder's alignment)
   * had been written to when a partial first showed it. Undefined without words or alignment.
   */
  private wordLagsMs(text: string, wordEndsMs: readonly number[], atMs: number) {
    const words = text === '' ? [] : text.split(' ');
    if (words.length === 0 || words.length !== wordEndsMs.length) return undefined;
    // The alignment rounds to whole frames, so the last word may end up to a frame past the
    // audio searched; anything further is an alignment this code does not understand: no lag.
    const frameSamples = Math.ceil((this.options.sampleRateHz * alignmentToleranceMs) / 1000);
    const arrivals = wordEndsMs.map((endMs) => {
      const endSample = Math.ceil((endMs * this.options.sampleRateHz) / 1000);
      if (endSample > this.searchedSamples + frameSamples) return undefined;
      return this.arrivals.arrivedAtMs(Math.min(endSample, this.searchedSamples));
    });
    return wordEmissionLagsMs(this.partials, words, arrivals, atMs);
  }

  private wakeWriters(always: boolean): void {
    if (!always && this.queuedSamples >= this.maxQueuedSamples / 2) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }

  private emit(event: AsrEvent): void {
    this.queue.push(event);
  }
}
