/**
 * Sample-rate conversion for PCM16: a polyphase windowed-sinc (Kaiser) low-pass filter evaluated
 * at each output instant. The cut-off sits just below the lower of the two Nyquist frequencies,
 * so downsampling removes what the new rate cannot carry (no aliasing) and upsampling leaves no
 * images. Any pair of integer rates works; the filter has one phase per distinct fractional
 * position (`toHz / gcd(fromHz, toHz)` of them), computed once per rate pair and cached.
 */

/** Zero crossings of the sinc on each side: the filter's length and stop-band depth. */
const zeroCrossings = 16;
/** Kaiser β ≈ 80 dB stop band. */
const kaiserBeta = 8;
/** Cut-off as a fraction of the lower Nyquist: leaves room for the transition band. */
const passbandFraction = 0.92;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Modified Bessel function of the first kind, order 0 (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

interface PolyphaseFilter {
  /** Output step in input samples is `down / up`. */
  up: number;
  down: number;
  /** Input samples used on each side of an output instant (the filter is `2 * halfTaps` long). */
  halfTaps: number;
  /** `phases[p][j]` weights input `base - halfTaps + 1 + j` for the output at `base + p / up`. */
  phases: Float64Array[];
}

const filterCache = new Map<string, PolyphaseFilter>();

function polyphaseFilter(fromHz: number, toHz: number): PolyphaseFilter {
  const key = `${fromHz}:${toHz}`;
  const cached = filterCache.get(key);
  if (cached) return cached;
  const divisor = gcd(fromHz, toHz);
  const up = toHz / divisor;
  const down = fromHz / divisor;
  // Cut-off in cycles per input sample, relative to the input Nyquist (1 = fromHz / 2).
  const cutoff = Math.min(1, toHz / fromHz) * passbandFraction;
  const halfWidth = zeroCrossings / cutoff; // in input samples
  const halfTaps = Math.ceil(halfWidth);
  const i0Beta = besselI0(kaiserBeta);
  const phases: Float64Array[] = [];
  for (let phase = 0; phase < up; phase++) {
    const fraction = phase / up;
    const taps = new Float64Array(2 * halfTaps);
    let sum = 0;
    for (let j = 0; j < taps.length; j++) {
      const distance = fraction + halfTaps - 1 - j; // output instant minus input position
      const ratio = distance / halfWidth;
      if (Math.abs(ratio) >= 1) continue;
      const x = Math.PI * cutoff * distance;
      const sinc = x === 0 ? 1 : Math.sin(x) / x;
      const window = besselI0(kaiserBeta * Math.sqrt(1 - ratio * ratio)) / i0Beta;
      taps[j] = cutoff * sinc * window;
      sum += taps[j] as number;
    }
    // Unity gain at DC for every phase, so a constant stays constant (no phase ripple).
    for (let j = 0; j < taps.length; j++) taps[j] = (taps[j] as number) / sum;
    phases.push(taps);
  }
  const filter = { up, down, halfTaps, phases };
  filterCache.set(key, filter);
  return filter;
}

function toPcm16(value: number): number {
  const rounded = Math.round(value);
  return rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  if (a.length === 0) return b;
  const out = new Int16Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Resamples a stream chunk by chunk. The concatenated output of `push` calls plus `flush` equals
 * `resamplePcm16` of the whole input, sample for sample, whatever the chunk sizes. Output lags the
 * input by the filter's half length (16 zero crossings: 1 ms at 8 kHz → 16 kHz, 2 ms at
 * 16 kHz → 8 kHz).
 */
export class StreamingResampler {
  private readonly filter: PolyphaseFilter | undefined;
  /** Input not yet fully used, starting at absolute input index `historyStart`. */
  private history: Int16Array = new Int16Array(0);
  private historyStart = 0;
  private inputLength = 0;
  private nextOutput = 0;
  private flushed = false;

  constructor(
    readonly fromHz: number,
    readonly toHz: number,
  ) {
    if (!Number.isInteger(fromHz) || !Number.isInteger(toHz) || fromHz <= 0 || toHz <= 0) {
      throw new RangeError(`sample rates must be positive integers, got ${fromHz} → ${toHz} Hz`);
    }
    this.filter = fromHz === toHz ? undefined : polyphaseFilter(fromHz, toHz);
  }

  push(chunk: Int16Array): Int16Array {
    if (this.flushed) throw new Error('StreamingResampler.push after flush');
    if (!this.filter) return chunk.slice();
    this.history = concat(this.history, chunk);
    this.inputLength += chunk.length;
    return this.produce(false);
  }

  /** Emits the tail (the input is taken as followed by silence). The resampler is then done. */
  flush(): Int16Array {
    if (this.flushed || !this.filter) {
      this.flushed = true;
      return new Int16Array(0);
    }
    this.flushed = true;
    return this.produce(true);
  }

  private produce(final: boolean): Int16Array {
    const { up, down, halfTaps, phases } = this.filter as PolyphaseFilter;
    // Output n sits at input position n * down / up; the whole input yields ceil(len * up / down).
    const totalOutputs = Math.ceil((this.inputLength * up) / down);
    const outputs: number[] = [];
    for (;;) {
      const n = this.nextOutput;
      if (n >= totalOutputs) break;
      const base = Math.floor((n * down) / up);
      const first = base - halfTaps + 1;
      const last = base + halfTaps;
      if (!final && last >= this.inputLength) break;
      const taps = phases[(n * down) % up] as Float64Array;
      let acc = 0;
      for (let j = 0; j < taps.length; j++) {
        const index = first + j - this.historyStart;
        if (index >= 0 && index < this.history.length) {
          acc += (taps[j] as number) * (this.history[index] as number);
        }
      }
      outputs.push(toPcm16(acc));
      this.nextOutput++;
    }
    // Drop input no future output needs.
    const keepFrom = Math.floor((this.nextOutput * down) / up) - halfTaps + 1;
    const drop = Math.min(this.history.length, Math.max(0, keepFrom - this.historyStart));
    if (drop > 0) {
      this.history = this.history.slice(drop);
      this.historyStart += drop;
    }
    return Int16Array.from(outputs);
  }
}

/** Resamples a whole buffer from `fromHz` to `toHz` (anti-aliased; see module comment). */
export function resamplePcm16(input: Int16Array, fromHz: number, toHz: number): Int16Array {
  const resampler = new StreamingResampler(fromHz, toHz);
  return concat(resampler.push(input), resampler.flush());
}
