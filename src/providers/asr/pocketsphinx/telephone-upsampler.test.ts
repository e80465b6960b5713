import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TelephoneUpsampler, upsampleTelephone } from './telephone-upsampler.ts';

/** Power of `signal` at `frequencyHz` (Goertzel), normalised by length. */
function powerAt(signal: Int16Array, frequencyHz: number, rateHz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / rateHz);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of signal) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous ** 2 + beforePrevious ** 2 - coefficient * previous * beforePrevious;
  return power / signal.length ** 2;
}

function bandPower(signal: Int16Array, fromHz: number, toHz: number): number {
  let sum = 0;
  for (let frequency = fromHz; frequency <= toHz; frequency += 50) {
    sum += powerAt(signal, frequency, 16000);
  }
  return sum;
}

function rms(signal: Int16Array): number {
  return Math.sqrt(signal.reduce((sum, value) => sum + value * value, 0) / signal.length);
}

const tone = Int16Array.from({ length: 8000 }, (_, n) =>
  Math.round(8000 * Math.sin((2 * Math.PI * 1000 * n) / 8000)),
);

void describe('TelephoneUpsampler', () => {
  void it('doubles the rate and keeps the speech band', () => {
    const out = upsampleTelephone(tone);
    assert.ok(Math.abs(out.length - 16000) < 64, `length ${out.length}`);
    const steady = out.subarray(200, 15800);
    assert.ok(Math.abs(rms(steady) - 8000 / Math.SQRT2) < 100, `rms ${rms(steady)}`);
    assert.ok(bandPower(steady, 4500, 7500) < 1e-6 * powerAt(steady, 1000, 16000));
  });

  void it('fills only the band above 4 kHz with noise of the asked level', () => {
    const silence = new Int16Array(8000);
    const noise = upsampleTelephone(silence, { upperBandNoiseRms: 1000 }).subarray(200);
    assert.ok(Math.abs(rms(noise) - 1000) < 100, `noise rms ${rms(noise)}`);
    assert.ok(bandPower(noise, 4500, 7500) > 50 * bandPower(noise, 300, 3300));
    const withTone = upsampleTelephone(tone, { upperBandNoiseRms: 1000 }).subarray(200, 15800);
    const clean = upsampleTelephone(tone).subarray(200, 15800);
    const ratio = powerAt(withTone, 1000, 16000) / powerAt(clean, 1000, 16000);
    assert.ok(Math.abs(ratio - 1) < 0.05, `tone power ratio ${ratio}`);
  });

  void it('streams: pushing in frames gives what one push gives', () => {
    const whole = upsampleTelephone(tone, { upperBandNoiseRms: 500 });
    const streaming = new TelephoneUpsampler({ upperBandNoiseRms: 500 });
    const parts: number[] = [];
    for (let offset = 0; offset < tone.length; offset += 160) {
      parts.push(...streaming.push(tone.subarray(offset, offset + 160)));
    }
    assert.deepEqual(Int16Array.from(parts), whole);
  });
});
