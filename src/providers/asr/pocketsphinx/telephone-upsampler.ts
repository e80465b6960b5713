/**
 * Telephone audio (8 kHz) for a 16 kHz acoustic model: upsampled to 16 kHz, with the empty band
 * above 4 kHz optionally filled with low-level noise so the model's upper mel filters do not sit
 * at log(0), a level it never saw in training. The noise is band-limited white noise: 8 kHz
 * noise upsampled (so it holds 0–3.7 kHz) and spectrally flipped by multiplying with (−1)ⁿ,
 * which moves it to 4.3–8 kHz, leaving the speech band untouched. Deterministic (seeded).
 */
import { StreamingResampler } from '../../../data/pipeline/audio/resample.ts';

export interface TelephoneUpsamplerOptions {
  /** RMS of the noise put above 4 kHz, in PCM16 units; 0 leaves the band empty. @default 0 */
  upperBandNoiseRms?: number;
}

export class TelephoneUpsampler {
  private readonly speech = new StreamingResampler(8000, 16000);
  private readonly noise = new StreamingResampler(8000, 16000);
  private readonly noiseRms: number;
  private seed = 0x9e3779b9;
  /** Sign of the next output sample in the (−1)ⁿ flip. */
  private sign = 1;

  constructor(options: TelephoneUpsamplerOptions = {}) {
    this.noiseRms = options.upperBandNoiseRms ?? 0;
  }

  /** 8 kHz PCM16 in, 16 kHz PCM16 out (the resampler's filter delay is held back). */
  push(pcm16At8k: Int16Array): Int16Array {
    const upsampled = this.speech.push(pcm16At8k);
    if (this.noiseRms <= 0) return upsampled;
    const noise = this.noise.push(this.whiteNoise(pcm16At8k.length));
    const out = new Int16Array(upsampled.length);
    for (let index = 0; index < out.length; index += 1) {
      const value = (upsampled[index] ?? 0) + this.sign * (noise[index] ?? 0);
      this.sign = -this.sign;
      out[index] = Math.max(-32768, Math.min(32767, Math.round(value)));
    }
    return out;
  }

  /** Uniform white noise at 8 kHz that comes out of the upsampling and flip at `noiseRms`. */
  private whiteNoise(length: number): Int16Array {
    // Uniform on [-a, a] has RMS a/√3; the upsampler keeps 92 % of the band (its pass band).
    const amplitude = (this.noiseRms * Math.sqrt(3)) / Math.sqrt(0.92);
    const out = new Int16Array(length);
    for (let index = 0; index < length; index += 1) {
      this.seed = (this.seed + 0x6d2b79f5) | 0;
      let t = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      const uniform = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      out[index] = Math.round((uniform * 2 - 1) * amplitude);
    }
    return out;
  }
}

/** Upsamples a whole 8 kHz buffer (see {@link TelephoneUpsampler}); for tests and benches. */
export function upsampleTelephone(
  pcm16At8k: Int16Array,
  options: TelephoneUpsamplerOptions = {},
): Int16Array {
  return new TelephoneUpsampler(options).push(pcm16At8k);
}
