import type { RawData, WebSocket } from 'ws';
import type { AsrEvent, AsrStream } from '../../../data/pipeline/asr/asr-provider.ts';
import { AsrStreamClosedError } from '../../../data/pipeline/asr/asr-errors.ts';
import { AsrEventQueue } from '../../../data/pipeline/asr/asr-event-queue.ts';
import { AudioArrivalLog } from '../../../data/pipeline/asr/audio-arrival-log.ts';
import {
  wordEmissionLagsMs,
  type TimedPartial,
} from '../../../data/pipeline/asr/word-emission-lag.ts';
import type { Clock } from '../../../platform/clock.ts';
import { settleWithin } from '../../../platform/clock.ts';
import { isRetryableClose } from './deepgram-errors.ts';
import { parseDeepgramMessage, type DeepgramResults } from './deepgram-messages.ts';
import type { DeepgramAsrSettings } from './deepgram-options.ts';
import { pcm16ToLittleEndian } from './pcm16-le.ts';
import { UtteranceTranscript } from './utterance-transcript.ts';
import { UtteranceWordTimings, type TimedWord } from './utterance-word-timings.ts';

/** How far past the audio sent a word's end may lie (Deepgram rounds its timings). */
const alignmentToleranceMs = 20;

type StreamState = 'open' | 'closing' | 'closed';

/**
 * One Deepgram live stream behind {@link AsrStream}. Audio goes out as binary frames; interim
 * results become partials; `flush` sends `Finalize` and the `from_finalize` result (or, when
 * Deepgram has nothing left to finalise and stays silent, the finalize timeout) ends the utterance
 * with one final. Idle gaps are bridged with `KeepAlive`; `close` sends `CloseStream` and waits,
 * bounded, for the server to close. A vendor failure is one `error` event, then the events end.
 */
export class DeepgramAsrStream implements AsrStream {
  private readonly queue = new AsrEventQueue();
  private readonly transcript = new UtteranceTranscript();
  private readonly wordTimings = new UtteranceWordTimings();
  /** When each write was sent, and the utterance's partials: for word emission lags. */
  private readonly arrivals = new AudioArrivalLog();
  private partials: TimedPartial[] = [];
  /** One timer per flush still waiting for its `from_finalize` result, oldest first. */
  private readonly pendingFlushes: NodeJS.Timeout[] = [];
  private readonly keepAliveTimer: NodeJS.Timeout;
  private readonly socketClosed: Promise<void>;
  private state: StreamState = 'open';
  private audioSinceFlush = false;
  private lastPartial = '';
  private unsentBytes = 0;
  private drainWaiters: (() => void)[] = [];
  private closing: Promise<void> | undefined;
  private closedByCaller = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly settings: DeepgramAsrSettings,
    private readonly clock: Clock,
    private readonly signal: AbortSignal | undefined,
    private readonly providerName: string,
    private readonly sampleRateHz: number,
  ) {
    this.socketClosed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', (code, reason) => this.onSocketClosed(code, reason.toString()));
    ws.on('error', () => {
      // The close that follows carries the code; this listener keeps the error from crashing.
    });
    this.keepAliveTimer = setTimeout(() => this.sendKeepAlive(), settings.keepAliveIntervalMs);
    this.keepAliveTimer.unref();
    // The signal may have fired between the upgrade and this constructor.
    if (signal?.aborted) this.onAbort();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /**
   * Throws {@link AsrStreamClosedError} once the caller closed or aborted the stream. After a
   * vendor failure (the `error` event) audio is dropped instead, so a pipeline still writing
   * frames does not crash before it has read the event.
   */
  write(pcm16: Int16Array): boolean {
    if (this.closedByCaller) throw new AsrStreamClosedError(this.providerName);
    // Deepgram treats an empty binary frame as a request to close, so none is ever sent.
    if (this.state !== 'open' || pcm16.length === 0) return true;
    const bytes = pcm16ToLittleEndian(pcm16);
    this.unsentBytes += bytes.byteLength;
    this.audioSinceFlush = true;
    this.arrivals.wrote(pcm16.length, this.clock.monotonicMs());
    this.ws.send(bytes, { binary: true }, () => {
      this.unsentBytes -= bytes.byteLength;
      if (this.unsentBytes <= this.settings.highWaterMarkBytes / 2) this.releaseDrainWaiters();
    });
    this.keepAliveTimer.refresh();
    return this.unsentBytes < this.settings.highWaterMarkBytes;
  }

  drained(): Promise<void> {
    if (this.state !== 'open' || this.unsentBytes < this.settings.highWaterMarkBytes) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  flush(): void {
    if (this.closedByCaller) throw new AsrStreamClosedError(this.providerName);
    if (this.state !== 'open') return;
    if (!this.audioSinceFlush) {
      // Nothing new for Deepgram to finalise: answer at once instead of waiting for a reply that
      // Deepgram does not send.
      this.emitFinal();
      return;
    }
    this.audioSinceFlush = false;
    this.sendControl('Finalize');
    const timer = setTimeout(() => this.settleOldestFlush(), this.settings.finalizeTimeoutMs);
    this.pendingFlushes.push(timer);
  }

  events(): AsyncIterable<AsrEvent> {
    return this.queue.events();
  }

  close(): Promise<void> {
    this.closedByCaller = true;
    this.closing ??= this.closeGracefully();
    return this.closing;
  }

  private async closeGracefully(): Promise<void> {
    if (this.state === 'open') {
      this.state = 'closing';
      clearTimeout(this.keepAliveTimer);
      // CloseStream makes Deepgram finish the buffered audio, send its last results and a
      // Metadata summary, then close the socket itself.
      this.sendControl('CloseStream');
      const outcome = await settleWithin(this.socketClosed, this.settings.closeTimeoutMs);
      if (outcome === 'timeout') this.ws.terminate();
    }
    await this.socketClosed;
  }

  private readonly onAbort = (): void => {
    // "No further events": drop what is queued, then release the socket without waiting.
    this.closedByCaller = true;
    this.queue.endNow();
    this.state = 'closing';
    this.ws.terminate();
  };

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === 'closed' || this.queue.isEnded) return;
    if (isBinary) {
      this.fail('Deepgram sent a binary frame; only JSON text frames are expected', true);
      return;
    }
    const parsed = parseDeepgramMessage(rawText(data));
    if (!parsed.ok) {
      this.fail(`Deepgram sent ${parsed.problem}`, true);
      return;
    }
    const message = parsed.message;
    if (message.type === 'Results') this.onResults(message);
    else if (message.type === 'Error') {
      this.fail(
        `Deepgram reported an error: ${message.description ?? message.message ?? ''}`,
        true,
      );
    }
    // Metadata, UtteranceEnd, SpeechStarted and types added later carry nothing we act on: the
    // pipeline's own VAD and turn detector decide when an utterance ends.
  }

  private onResults(results: DeepgramResults): void {
    const best = results.channel.alternatives[0];
    const text = this.transcript.apply(best?.transcript ?? '', results.is_final, best?.confidence);
    this.wordTimings.apply(
      best?.words?.map((word) => ({ word: word.word, endSeconds: word.end })),
      results.is_final,
    );
    if (results.from_finalize && this.pendingFlushes.length > 0) {
      this.settleOldestFlush();
      return;
    }
    if (text && text !== this.lastPartial) {
      this.lastPartial = text;
      const atMs = this.clock.monotonicMs();
      this.partials.push({ words: this.wordTimings.current().map((word) => word.word), atMs });
      this.queue.push({ type: 'partial', text, atMs });
    }
  }

  /** The oldest flush gets its final: its `from_finalize` arrived, or its wait ran out. */
  private settleOldestFlush(): void {
    const timer = this.pendingFlushes.shift();
    if (timer === undefined) return;
    clearTimeout(timer);
    this.emitFinal();
  }

  private emitFinal(): void {
    const { text, confidence } = this.transcript.take();
    this.lastPartial = '';
    const atMs = this.clock.monotonicMs();
    const wordLagsMs = this.wordLagsMs(this.wordTimings.take(), atMs);
    this.partials = [];
    this.queue.push({
      type: 'final',
      text,
      confidence,
      atMs,
      ...(wordLagsMs.length > 0 ? { wordLagsMs } : {}),
    });
  }

  /** Each word's emission lag (ADR 0017), from Deepgram's word end times and our send times. */
  private wordLagsMs(words: readonly TimedWord[], atMs: number): number[] {
    const toleranceSamples = Math.ceil((this.sampleRateHz * alignmentToleranceMs) / 1000);
    const arrivals = words.map(({ endSeconds }) => {
      const endSample = Math.ceil(endSeconds * this.sampleRateHz);
      if (endSample > this.arrivals.totalSamples + toleranceSamples) return undefined;
      return this.arrivals.arrivedAtMs(Math.min(endSample, this.arrivals.totalSamples));
    });
    const lags = wordEmissionLagsMs(
      this.partials,
      words.map((word) => word.word),
      arrivals,
      atMs,
    );
    const lastEndSeconds = words.at(-1)?.endSeconds;
    if (lastEndSeconds !== undefined)
      this.arrivals.forgetBefore(Math.floor(lastEndSeconds * this.sampleRateHz));
    return lags;
  }

  private onSocketClosed(code: number, reason: string): void {
    const expected = this.state !== 'open';
    this.state = 'closed';
    clearTimeout(this.keepAliveTimer);
    this.signal?.removeEventListener('abort', this.onAbort);
    this.releaseDrainWaiters();
    if (expected) {
      // Each flush promised one final; results that came before the close are in them.
      while (this.pendingFlushes.length > 0) this.settleOldestFlush();
    } else {
      for (const timer of this.pendingFlushes.splice(0)) clearTimeout(timer);
      const why = reason ? `${code} ${reason}` : String(code);
      this.queue.push({
        type: 'error',
        message: `Deepgram closed the stream (${why})`,
        retryable: isRetryableClose(code),
        atMs: this.clock.monotonicMs(),
      });
    }
    this.queue.end();
  }

  /** A protocol violation by the vendor: report it once and drop the socket. */
  private fail(message: string, retryable: boolean): void {
    if (this.queue.isEnded) return;
    this.queue.push({ type: 'error', message, retryable, atMs: this.clock.monotonicMs() });
    this.queue.end();
    this.state = 'closing';
    this.ws.terminate();
  }

  private sendKeepAlive(): void {
    if (this.state !== 'open') return;
    this.sendControl('KeepAlive');
    this.keepAliveTimer.refresh();
  }

  private sendControl(type: 'KeepAlive' | 'Finalize' | 'CloseStream'): void {
    // Control messages must be text frames; Deepgram mishandles them as binary.
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify({ type }));
  }

  private releaseDrainWaiters(): void {
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
