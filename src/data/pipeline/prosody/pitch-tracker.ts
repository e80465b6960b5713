/**
 * Streaming pitch (F0) tracker for caller audio: YIN (de Cheveigné & Kawahara 2002) on 8 kHz
 * PCM16, one analysis every `hopMs` over a window of `windowMs`. 16 kHz input is halved first
 * ([1 2 1]/4, a zero at 4 kHz, then every other sample): pitch needs no more than a phone line
 * carries. On a phone line the fundamental itself is usually filtered out; YIN finds the period
 * from the harmonics, at the price of occasional octave errors the contour classifier absorbs.
 * Cost: one window's difference function per hop, O(window × max period) — ~40 µs per 20 ms
 * frame of speech (bench/prosody-contour.ts); the session analyses only while the VAD hears speech.
 */

export interface PitchTrackerOptions {
  sampleRateHz: 8000 | 16000;
  /** Lowest F0 searched (deep male voices). @default 65 */
  minF0Hz?: number;
  /** Highest F0 searched (children, high female voices). @default 400 */
  maxF0Hz?: number;
  /** Analysis spacing. @default 10 */
  hopMs?: number;
  /** Analysis window (should span the longest period). @default 20 */
  windowMs?: number;
  /**
   * YIN's aperiodicity threshold: a dip of the normalised difference below it is a period.
   * Higher than YIN's 0.1–0.15 for phone audio, whose μ-law and band limits make dips shallower.
   * @default 0.3
   */
  threshold?: number;
  /** Frames quieter than this (dB relative to full scale) are unvoiced. @default -50 */
  silenceDbfs?: number;
}

/** One analysis, stamped with the stream time of its window's end. */
export interface PitchFrame {
  /** Milliseconds of audio pushed up to the end of this frame's window. */
  atMs: number;
  /** Fundamental frequency; undefined when the frame is unvoiced (noise, silence, fricative). */
  f0Hz: number | undefined;
  /** 1 − YIN's normalised difference at the chosen period: near 1 for a clean periodic sound. */
  periodicity: number;
  /** RMS level in dB relative to full scale. */
  energyDbfs: number;
}

const analysisRateHz = 8000;

export class PitchTracker {
  private readonly decimate: boolean;
  private readonly minLag: number;
  private readonly maxLag: number;
  private readonly window: number;
  private readonly hop: number;
  private readonly threshold: number;
  private readonly silenceDbfs: number;
  /** The newest samples at 8 kHz (at least the analysis span, `window + maxLag`), oldest first. */
  private readonly buffer: Float32Array;
  private readonly difference: Float32Array;
  private filled = 0;
  private sinceHop = 0;
  /** Samples at 8 kHz pushed so far. */
  private samples = 0;
  /** The newest samples not yet in `buffer` (less than a hop). */
  private readonly incoming: Float32Array;
  /** The previous two input samples at 16 kHz, for the decimation filter. */
  private last = 0;
  private beforeLast = 0;
  private odd = false;
  private analysing = true;

  constructor(options: PitchTrackerOptions) {
    this.decimate = options.sampleRateHz === 16000;
    const minF0Hz = options.minF0Hz ?? 65;
    const maxF0Hz = options.maxF0Hz ?? 400;
    this.minLag = Math.max(2, Math.floor(analysisRateHz / maxF0Hz));
    this.maxLag = Math.ceil(analysisRateHz / minF0Hz);
    this.window = Math.round(((options.windowMs ?? 20) * analysisRateHz) / 1000);
    this.hop = Math.round(((options.hopMs ?? 10) * analysisRateHz) / 1000);
    this.threshold = options.threshold ?? 0.3;
    this.silenceDbfs = options.silenceDbfs ?? -50;
    // A whole number of hops, so that analyses fall on hop boundaries of the stream.
    const span = this.window + this.maxLag + 1;
    this.buffer = new Float32Array(Math.ceil(span / this.hop) * this.hop);
    this.difference = new Float32Array(this.maxLag + 2);
    this.incoming = new Float32Array(this.hop);
  }

  /**
   * Audio at the tracker's rate; returns the analyses whose window ended in it. With `analyse`
   * false the audio is only kept (the window stays current) and nothing is analysed: the caller
   * skips the cost where no pitch is wanted (no speech).
   */
  push(pcm16: Int16Array, analyse = true): PitchFrame[] {
    this.analysing = analyse;
    const frames: PitchFrame[] = [];
    for (let i = 0; i < pcm16.length; i++) {
      const x = (pcm16[i] as number) / 32768;
      if (!this.decimate) {
        this.append(x, frames);
        continue;
      }
      // [1 2 1]/4 over the last three input samples, keeping every other output.
      const filtered = (this.beforeLast + 2 * this.last + x) / 4;
      this.beforeLast = this.last;
      this.last = x;
      this.odd = !this.odd;
      if (!this.odd) this.append(filtered, frames);
    }
    return frames;
  }

  private append(sample: number, frames: PitchFrame[]): void {
    this.samples++;
    if (this.filled < this.buffer.length) {
      this.buffer[this.filled++] = sample;
      if (this.filled < this.buffer.length) return;
      if (this.analysing) frames.push(this.analyse());
      return;
    }
    // Full: collect a hop, then slide the span by it (one copy per hop, not per sample).
    this.incoming[this.sinceHop++] = sample;
    if (this.sinceHop < this.hop) return;
    this.sinceHop = 0;
    this.buffer.copyWithin(0, this.hop);
    this.buffer.set(this.incoming, this.buffer.length - this.hop);
    if (this.analysing) frames.push(this.analyse());
  }

  private analyse(): PitchFrame {
    const { buffer, window, maxLag, difference } = this;
    const atMs = (this.samples * 1000) / analysisRateHz;
    // Energy over the analysis window (the one compared with its lagged copies).
    const start = buffer.length - window - maxLag;
    let energy = 0;
    for (let i = start; i < start + window; i++) energy += (buffer[i] as number) ** 2;
    const energyDbfs = 10 * Math.log10(energy / window + 1e-12) + 3.01;
    if (energyDbfs < this.silenceDbfs) return { atMs, f0Hz: undefined, periodicity: 0, energyDbfs };

    // YIN: difference function d(τ) and its cumulative-mean normalisation d'(τ).
    let runningSum = 0;
    difference[0] = 1;
    for (let lag = 1; lag <= maxLag; lag++) {
      let sum = 0;
      // Every other sample of the window: half the cost, the same dips (it is a mean).
      for (let i = start; i < start + window; i += 2) {
        const delta = (buffer[i] as number) - (buffer[i + lag] as number);
        sum += delta * delta;
      }
      runningSum += sum;
      difference[lag] = runningSum > 0 ? (sum * lag) / runningSum : 1;
    }
    // The first dip below the threshold, followed to its bottom; else no period.
    let lag = -1;
    for (let tau = this.minLag; tau < maxLag; tau++) {
      if ((difference[tau] as number) < this.threshold) {
        while (tau + 1 < maxLag && (difference[tau + 1] as number) < (difference[tau] as number))
          tau++;
        lag = tau;
        break;
      }
    }
    if (lag < 0) {
      let best = this.minLag;
      for (let tau = this.minLag; tau <= maxLag; tau++)
        if ((difference[tau] as number) < (difference[best] as number)) best = tau;
      return { atMs, f0Hz: undefined, periodicity: 1 - (difference[best] as number), energyDbfs };
    }
    // Parabolic interpolation around the dip for a sub-sample period.
    const a = difference[lag - 1] as number;
    const b = difference[lag] as number;
    const c = difference[lag + 1] as number;
    const curvature = a - 2 * b + c;
    const shift = curvature > 0 ? (0.5 * (a - c)) / curvature : 0;
    const period = lag + Math.max(-0.5, Math.min(0.5, shift));
    return { atMs, f0Hz: analysisRateHz / period, periodicity: 1 - b, energyDbfs };
  }
}
