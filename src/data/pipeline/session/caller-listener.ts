/**
 * The agent's ears: one ASR stream per call, fed only while the caller speaks (plus a pre-roll),
 * flushed at each end of speech. A stream that fails is reopened a bounded number of times; after
 * that the session is told the recogniser is gone.
 */
import { errorMessage } from '../../../platform/errors.ts';
import type { SampleRateHz } from '../audio/audio-format.ts';
import { StreamingResampler } from '../audio/resample.ts';
import type { AsrEvent, AsrExpectation, AsrProvider, AsrStream } from '../asr/asr-provider.ts';
import { PreRollBuffer } from './pre-roll.ts';

export interface CallerListenerOptions {
  asr: AsrProvider;
  inputRateHz: SampleRateHz;
  language: string;
  vocabulary?: readonly string[];
  signal: AbortSignal;
  onEvent: (event: AsrEvent) => void;
  /** The recogniser failed and could not be reopened: the call cannot hear the caller. */
  onLost: (error: Error) => void;
  /** Stream reopenings allowed per call. @default 2 */
  maxReopens?: number;
  /** @default 300 */
  preRollMs?: number;
}

/** The rate the ASR is fed: the input rate when it takes it, else its first native rate. */
export function asrRateFor(asr: AsrProvider, inputRateHz: SampleRateHz): SampleRateHz {
  return asr.sampleRatesHz.includes(inputRateHz)
    ? inputRateHz
    : (asr.sampleRatesHz[0] ?? inputRateHz);
}

export class CallerListener {
  readonly asrRateHz: SampleRateHz;
  private stream: AsrStream | undefined;
  private pump: Promise<void> | undefined;
  private readonly preRoll: PreRollBuffer;
  private readonly resampler: StreamingResampler | undefined;
  private feeding = false;
  /** One entry per flush not yet answered by a final: whether that final is wanted. */
  private finals: boolean[] = [];
  private opening: Promise<void> | undefined;
  private reopens = 0;
  private closed = false;
  private lost = false;
  /** The last answer hint, kept for a reopened stream. */
  private expectation: AsrExpectation | undefined;
  /** Frames written while the recogniser asked us to wait (it falls behind real time). */
  backpressuredFrames = 0;

  constructor(private readonly options: CallerListenerOptions) {
    this.asrRateHz = asrRateFor(options.asr, options.inputRateHz);
    this.preRoll = new PreRollBuffer(options.preRollMs ?? 300);
    this.resampler =
      this.asrRateHz === options.inputRateHz
        ? undefined
        : new StreamingResampler(options.inputRateHz, this.asrRateHz);
  }

  /** Opens the first stream; on failure it retries within the reopen budget. */
  async open(): Promise<void> {
    this.opening = this.openStream();
    await this.opening;
  }

  get listening(): boolean {
    return this.stream !== undefined && !this.lost;
  }

  /** One inbound frame at the input rate. */
  pushAudio(pcm16: Int16Array, frameMs: number): void {
    const audio = this.resampler ? this.resampler.push(pcm16) : pcm16;
    if (this.feeding) this.write(audio);
    else this.preRoll.push(audio, frameMs);
  }

  /** Speech started: the pre-roll and every frame from now on go to the recogniser. */
  startUtterance(): void {
    if (this.feeding) return;
    this.feeding = true;
    for (const frame of this.preRoll.drain()) this.write(frame);
  }

  /**
   * Speech ended: the recogniser finalises (one `final` follows). With `keep` false the final
   * (and late partials) of this utterance are dropped: speech that did not become a turn.
   */
  endUtterance(keep = true): void {
    if (!this.feeding) return;
    this.feeding = false;
    this.finals.push(keep);
    try {
      this.stream?.flush();
    } catch (error) {
      this.failed(new Error(`ASR flush failed: ${errorMessage(error)}`));
    }
  }

  /**
   * What the caller's next utterance probably answers (the agent's question): passed to the
   * recogniser, and again to a stream reopened after a failure. Providers may ignore it.
   */
  expect(expectation: AsrExpectation): void {
    this.expectation = expectation;
    this.applyExpectation();
  }

  /** Finals still due for past utterances will be dropped (their turn was committed without them). */
  dropPendingFinals(): void {
    this.finals = this.finals.map(() => false);
  }

  get utteranceOpen(): boolean {
    return this.feeding;
  }

  async close(): Promise<void> {
    this.closed = true;
    const stream = this.stream;
    this.stream = undefined;
    await this.opening;
    await stream?.close().catch(() => undefined);
    await this.pump;
  }

  private write(pcm16: Int16Array): void {
    if (!this.stream || pcm16.length === 0) return;
    try {
      if (!this.stream.write(pcm16)) this.backpressuredFrames++;
    } catch (error) {
      this.failed(new Error(`ASR write failed: ${errorMessage(error)}`));
    }
  }

  private applyExpectation(): void {
    if (!this.stream || !this.expectation) return;
    try {
      this.stream.expect?.(this.expectation);
    } catch {
      // A hint must never cost the call its ears: recognition goes on without it.
    }
  }

  private async openStream(): Promise<void> {
    for (;;) {
      if (this.closed || this.options.signal.aborted) return;
      try {
        const stream = await this.options.asr.open({
          sampleRateHz: this.asrRateHz,
          language: this.options.language,
          ...(this.options.vocabulary ? { vocabulary: this.options.vocabulary } : {}),
          signal: this.options.signal,
        });
        if (this.closed) {
          await stream.close().catch(() => undefined);
          return;
        }
        this.stream = stream;
        this.pump = this.consume(stream);
        this.applyExpectation();
        return;
      } catch (error) {
        if (!this.spendReopen()) {
          this.giveUp(new Error(`ASR open failed: ${errorMessage(error)}`, { cause: error }));
          return;
        }
      }
    }
  }

  private async consume(stream: AsrStream): Promise<void> {
    try {
      for await (const event of stream.events()) {
        if (this.closed) return;
        if (event.type === 'error') {
          this.failed(new Error(`ASR error: ${event.message}`), event.retryable);
          return;
        }
        if (event.type === 'final' && !(this.finals.shift() ?? true)) continue;
        if (event.type === 'partial' && !this.feeding && this.finals[0] === false) continue;
        this.options.onEvent(event);
      }
      if (!this.closed && this.stream === stream)
        this.failed(new Error('ASR stream ended by the provider'));
    } catch (error) {
      if (!this.closed) this.failed(new Error(`ASR stream failed: ${errorMessage(error)}`));
    }
  }

  /** The stream broke: drop it, and reopen a fresh one within the budget. */
  private failed(error: Error, retryable = true): void {
    if (this.closed || this.lost) return;
    const broken = this.stream;
    this.stream = undefined;
    this.feeding = false;
    this.finals = [];
    this.preRoll.drain();
    void broken?.close().catch(() => undefined);
    if (!retryable || !this.spendReopen()) {
      this.giveUp(error);
      return;
    }
    // The pump of the broken stream ends here; the new one gets its own.
    this.opening = this.openStream();
  }

  private spendReopen(): boolean {
    if (this.reopens >= (this.options.maxReopens ?? 2)) return false;
    this.reopens++;
    return true;
  }

  private giveUp(error: Error): void {
    if (this.lost || this.closed) return;
    this.lost = true;
    this.options.onLost(error);
  }
}
