/**
 * The caller's prosody over a call: every inbound frame goes through the pitch tracker, the
 * last few seconds of pitch frames are kept, and at an end of speech the terminal contour of
 * that utterance is read against the caller's own pitch so far (a deep voice's "low" is not a
 * high voice's). Times are the inbound stream's media time: the first sample pushed is 0 ms,
 * the same timeline the VAD stamps its events on. See docs/adr/0020-prosodic-end-of-turn.md.
 */
import { PitchTracker, type PitchFrame, type PitchTrackerOptions } from './pitch-tracker.ts';
import {
  classifyTerminalContour,
  median,
  semitones,
  type TerminalContour,
  type TerminalContourOptions,
} from './terminal-contour.ts';

export interface CallerProsodyOptions {
  sampleRateHz: 8000 | 16000;
  /** Pitch frames kept (must cover an utterance's tail plus the VAD's hangover). @default 3000 */
  historyMs?: number;
  /** Voiced frames kept for the caller's reference pitch (10 ms each). @default 1000 */
  referenceFrames?: number;
  pitch?: Omit<PitchTrackerOptions, 'sampleRateHz'>;
  contour?: TerminalContourOptions;
}

export class CallerProsody {
  private readonly tracker: PitchTracker;
  private readonly historyMs: number;
  private readonly referenceFrames: number;
  private readonly contourOptions: TerminalContourOptions | undefined;
  private frames: PitchFrame[] = [];
  /** Semitones of the caller's voiced frames, newest last (bounded). */
  private voicedSt: number[] = [];

  constructor(options: CallerProsodyOptions) {
    this.tracker = new PitchTracker({ ...options.pitch, sampleRateHz: options.sampleRateHz });
    this.historyMs = options.historyMs ?? 3000;
    this.referenceFrames = options.referenceFrames ?? 1000;
    this.contourOptions = options.contour;
  }

  /**
   * One inbound frame, in stream order. `speech` false (the VAD hears none): the frame only
   * keeps the timeline and the window current; pitch is read from speech only.
   */
  push(pcm16: Int16Array, speech = true): void {
    const analysed = this.tracker.push(pcm16, speech);
    if (analysed.length === 0) return;
    for (const frame of analysed) {
      this.frames.push(frame);
      if (frame.f0Hz !== undefined) this.voicedSt.push(semitones(frame.f0Hz));
    }
    const oldestMs = (analysed.at(-1) as PitchFrame).atMs - this.historyMs;
    let drop = 0;
    while (drop < this.frames.length && (this.frames[drop] as PitchFrame).atMs < oldestMs) drop++;
    if (drop > 0) this.frames = this.frames.slice(drop);
    if (this.voicedSt.length > 2 * this.referenceFrames)
      this.voicedSt = this.voicedSt.slice(-this.referenceFrames);
  }

  /**
   * The terminal contour of the speech between `startMs` and `endMs` (media ms: the VAD's
   * speech start and end). A frame is stamped at its window's end, so frames up to one window
   * past `endMs` still describe speech before it.
   */
  contour(startMs: number, endMs: number): TerminalContour {
    const slackMs = 40;
    const utterance = this.frames.filter(
      (frame) => frame.atMs > startMs && frame.atMs <= endMs + slackMs,
    );
    const reference =
      this.voicedSt.length > 0 ? median(this.voicedSt.slice(-this.referenceFrames)) : undefined;
    return classifyTerminalContour(utterance, reference, this.contourOptions);
  }
}
