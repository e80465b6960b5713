/** Synthetic voiced sounds for prosody tests: harmonic tones whose pitch glides. */
import { concatPcm16 } from '../../audio/testing/sox.ts';

export interface GlideOptions {
  sampleRateHz: 8000 | 16000;
  fromHz: number;
  toHz: number;
  durationMs: number;
  /** Harmonics summed (amplitude 1/k). @default 8 */
  harmonics?: number;
  /** Leave out the fundamental, as a phone line's 300 Hz high-pass does. @default false */
  missingFundamental?: boolean;
  /** Peak amplitude, 0–1 of full scale. @default 0.3 */
  amplitude?: number;
}

/** A harmonic tone gliding exponentially (linearly in semitones) from `fromHz` to `toHz`. */
export function glide(options: GlideOptions): Int16Array {
  const { sampleRateHz, fromHz, toHz, durationMs } = options;
  const harmonics = options.harmonics ?? 8;
  const first = options.missingFundamental ? 2 : 1;
  const length = Math.round((durationMs * sampleRateHz) / 1000);
  const out = new Int16Array(length);
  let norm = 0;
  for (let k = first; k <= harmonics; k++) norm += 1 / k;
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const f0Hz = fromHz * (toHz / fromHz) ** (i / length);
    phase += (2 * Math.PI * f0Hz) / sampleRateHz;
    let sample = 0;
    for (let k = first; k <= harmonics; k++)
      if (k * f0Hz < sampleRateHz / 2) sample += Math.sin(k * phase) / k;
    out[i] = Math.round(((options.amplitude ?? 0.3) * 32767 * sample) / norm);
  }
  return out;
}

/** Deterministic white noise (a linear congruential generator), `amplitude` of full scale. */
export function noise(sampleRateHz: number, durationMs: number, amplitude = 0.3): Int16Array {
  const out = new Int16Array(Math.round((durationMs * sampleRateHz) / 1000));
  let state = 12345;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = Math.round(amplitude * 32767 * ((state / 2 ** 32) * 2 - 1));
  }
  return out;
}

/** Concatenates PCM16 parts. */
export function concat(...parts: Int16Array[]): Int16Array {
  return concatPcm16(parts);
}
