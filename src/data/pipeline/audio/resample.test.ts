import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StreamingResampler, resamplePcm16 } from './resample.ts';
import { sine, synthesizeSpeech } from './testing/sox.ts';

/** Amplitude of `frequencyHz` in `samples` (single-bin DFT), as a fraction of full scale. */
function toneAmplitude(samples: Int16Array, sampleRateHz: number, frequencyHz: number): number {
  // Skip the edges, where the filter sees the zero padding.
  const start = Math.floor(samples.length / 10);
  const end = samples.length - start;
  let re = 0;
  let im = 0;
  for (let i = start; i < end; i++) {
    const angle = (2 * Math.PI * frequencyHz * i) / sampleRateHz;
    re += (samples[i] as number) * Math.cos(angle);
    im += (samples[i] as number) * Math.sin(angle);
  }
  return (2 * Math.hypot(re, im)) / (end - start) / 32767;
}

/** The frequency with the most energy, by a coarse DFT scan over 0..nyquist in `stepHz`. */
function dominantFrequency(samples: Int16Array, sampleRateHz: number, stepHz = 50): number {
  let best = 0;
  let bestAmplitude = -1;
  for (let f = stepHz; f < sampleRateHz / 2; f += stepHz) {
    const amplitude = toneAmplitude(samples, sampleRateHz, f);
    if (amplitude > bestAmplitude) {
      bestAmplitude = amplitude;
      best = f;
    }
  }
  return best;
}

const ratePairs: [number, number][] = [
  [8000, 16000],
  [16000, 8000],
  [22050, 8000],
  [22050, 16000],
  [24000, 8000],
  [24000, 16000],
  [48000, 16000],
  [16000, 48000],
];

describe('resamplePcm16', () => {
  for (const [fromHz, toHz] of ratePairs) {
    it(`keeps a 1 kHz tone's frequency and level, ${fromHz} → ${toHz} Hz`, () => {
      const output = resamplePcm16(sine(1000, fromHz, 300, 0.5), fromHz, toHz);
      assert.equal(output.length, Math.ceil((fromHz * 0.3 * toHz) / fromHz));
      assert.equal(dominantFrequency(output, toHz), 1000);
      const amplitude = toneAmplitude(output, toHz, 1000);
      assert.ok(Math.abs(amplitude - 0.5) < 0.01, `amplitude ${amplitude}`);
    });
  }

  for (const [fromHz, toHz, toneHz] of [
    [16000, 8000, 5000],
    [48000, 16000, 10000],
    [22050, 8000, 6000],
    [24000, 16000, 9500],
  ] as const) {
    it(`removes a ${toneHz} Hz tone above the new Nyquist, ${fromHz} → ${toHz} Hz`, () => {
      const output = resamplePcm16(sine(toneHz, fromHz, 300, 0.5), fromHz, toHz);
      // Without a low-pass filter it would alias to toHz - toneHz at full level.
      const aliasHz = toHz - toneHz;
      const aliasAmplitude = toneAmplitude(output, toHz, aliasHz);
      assert.ok(aliasAmplitude < 0.5 / 1000, `alias at ${aliasHz} Hz: ${aliasAmplitude}`); // > 60 dB down
    });
  }

  it('keeps telephone-band speech content when going 8 → 16 → 8 kHz', async () => {
    const speech = await synthesizeSpeech('two large margherita pizzas', 8000);
    const back = resamplePcm16(resamplePcm16(speech, 8000, 16000), 16000, 8000);
    assert.equal(back.length, speech.length);
    // espeak has little energy near 4 kHz, so the round trip is close to lossless.
    let signal = 0;
    let error = 0;
    for (let i = 0; i < speech.length; i++) {
      signal += (speech[i] as number) ** 2;
      error += ((back[i] as number) - (speech[i] as number)) ** 2;
    }
    assert.ok(10 * Math.log10(signal / error) > 20, 'SNR above 20 dB');
  });

  it('returns a copy for equal rates and handles empty input', () => {
    const input = new Int16Array([1, 2, 3]);
    const output = resamplePcm16(input, 16000, 16000);
    assert.deepEqual(output, input);
    assert.notEqual(output, input);
    assert.equal(resamplePcm16(new Int16Array(0), 8000, 16000).length, 0);
  });

  it('rejects a non-integer or zero rate', () => {
    assert.throws(() => new StreamingResampler(0, 8000), RangeError);
    assert.throws(() => new StreamingResampler(8000.5, 16000), RangeError);
  });
});

describe('StreamingResampler', () => {
  for (const [fromHz, toHz] of ratePairs) {
    it(`equals the one-shot output for arbitrary chunking, ${fromHz} → ${toHz} Hz`, async () => {
      const input = await synthesizeSpeech('one pepperoni', fromHz);
      const expected = resamplePcm16(input, fromHz, toHz);
      const resampler = new StreamingResampler(fromHz, toHz);
      const pieces: Int16Array[] = [];
      // Deterministic irregular chunk sizes, including empty and one-sample chunks.
      const sizes = [0, 1, 7, 160, 333, 1, 2048, 97];
      let offset = 0;
      for (let k = 0; offset < input.length; k++) {
        const size = sizes[k % sizes.length] as number;
        pieces.push(resampler.push(input.subarray(offset, offset + size)));
        offset += size;
      }
      pieces.push(resampler.flush());
      const streamed = new Int16Array(pieces.reduce((n, piece) => n + piece.length, 0));
      let at = 0;
      for (const piece of pieces) {
        streamed.set(piece, at);
        at += piece.length;
      }
      assert.deepEqual(streamed, expected);
    });
  }

  it('emits output while streaming, not only at flush', () => {
    const resampler = new StreamingResampler(8000, 16000);
    let emitted = 0;
    for (let i = 0; i < 10; i++) emitted += resampler.push(sine(440, 8000, 20)).length;
    // 10 frames of 160 samples → about 3,200 samples, less the filter's look-ahead.
    assert.ok(emitted > 3000, `emitted ${emitted}`);
    assert.throws(() => {
      resampler.flush();
      resampler.push(new Int16Array(1));
    }, /after flush/);
  });
});
