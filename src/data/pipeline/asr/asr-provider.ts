/**
 * Streaming speech recognition, one interface for every vendor (local pocketsphinx, Deepgram,
 * the scripted fake). A provider opens one stream per caller turn or per call; audio goes in as
 * PCM16 at the stream's rate, partial and final hypotheses come out as they are known.
 */
import type { SampleRateHz } from '../audio/audio-format.ts';

export interface AsrStreamOptions {
  /** Rate of the PCM16 audio that will be written. */
  sampleRateHz: SampleRateHz;
  /** BCP 47, e.g. 'en-US', 'nl-NL'. */
  language: string;
  /**
   * Words and phrases the caller is likely to say (menu item names, aliases, options). A local
   * recogniser builds its language model from them; a cloud one sends them as keyword boosts.
   */
  vocabulary?: readonly string[];
  /** Aborting it closes the stream and releases every handle; no further events are emitted. */
  signal?: AbortSignal;
}

/**
 * What kind of answer the caller's next utterance most likely is: what the agent just asked.
 * Vendor-neutral; a recogniser may use it to weight its language model (pocketsphinx switches to
 * a model built for the kind) or ignore it. A hint only: callers go off script, so a recogniser
 * must still hear anything else the menu model covers.
 */
export const AsrAnswerKind = {
  /** The order: items, sizes, options ("What can I get for you?", "What would you like to change?"). */
  order: 'order',
  /** More items, or done ("Anything else?" → "no, that's all"). */
  moreOrDone: 'more_or_done',
  /** One of the options the agent listed for an item (a size, a variant). */
  option: 'option',
  /** Pickup or delivery. */
  fulfilment: 'fulfilment',
  /** The caller's name. */
  name: 'name',
  /** A phone number, usually digit by digit. */
  phone: 'phone',
  /** A street address, postcode or city. */
  address: 'address',
  /** Yes or no: the read-back, an offer ("Would you like to pick it up instead?"). */
  yesNo: 'yes_no',
  /** Nothing in particular. */
  free: 'free',
} as const;
export type AsrAnswerKind = (typeof AsrAnswerKind)[keyof typeof AsrAnswerKind];

export interface AsrExpectation {
  kind: AsrAnswerKind;
}

export type AsrEvent =
  | { type: 'partial'; text: string; atMs: number }
  | {
      type: 'final';
      text: string;
      confidence: number | undefined;
      atMs: number;
      /**
       * Per word of `text`, how long after its audio reached the stream a partial first showed
       * it (word emission lag, ADR 0017: the §16 "ASR partial latency"); absent when the
       * provider cannot align words to audio.
       */
      wordLagsMs?: readonly number[];
    }
  /** The stream failed; `retryable` says whether a new stream (or another vendor) may work. */
  | { type: 'error'; message: string; retryable: boolean; atMs: number };

export interface AsrStream {
  /** Queues audio. Returns false when the caller should wait for `drained` (backpressure). */
  write(pcm16: Int16Array): boolean;
  /** Resolves when buffered audio has been consumed enough to write again. */
  drained(): Promise<void>;
  /**
   * Marks the end of the current utterance: the provider finalises what it has heard and emits
   * one `final` (possibly with empty text). The stream stays open for the next utterance.
   */
  flush(): void;
  /**
   * Optional hint: what the caller's next utterance probably answers. It applies from the next
   * utterance that starts after the call (one already under way keeps its model) until the next
   * `expect`; before any call the stream expects nothing in particular. Providers that cannot use
   * it leave it out (Deepgram) or only record it (the scripted fake); callers use `expect?.()`.
   */
  expect?(expectation: AsrExpectation): void;
  /** Events in order; the iterator ends when the stream is closed. */
  events(): AsyncIterable<AsrEvent>;
  /** Ends the stream and releases its resources. Idempotent. */
  close(): Promise<void>;
}

export interface AsrProvider {
  /** Stable vendor/model name recorded in session metadata, e.g. 'pocketsphinx/hub4wsj_sc_8k'. */
  readonly name: string;
  /** Sample rates this provider accepts natively (others are resampled before `write`). */
  readonly sampleRatesHz: readonly SampleRateHz[];
  open(options: AsrStreamOptions): Promise<AsrStream>;
}
