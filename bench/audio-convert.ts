/**
 * Cost of the audio conversions a call does per 20 ms frame: G.711 μ-law decode/encode and
 * resampling (streaming, windowed sinc) between the rates transports and providers use.
 * Prints median and p95 per frame. Run: node --import tsx bench/audio-convert.ts
 */
import { decodeMulaw, encodeMulaw } from '../src/data/pipeline/audio/g711.ts';
import { StreamingResampler } from '../src/data/pipeline/audio/resample.ts';
import { synthesizeSpeech } from '../src/data/pipeline/audio/testing/sox.ts';

function quantile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

function report(name: string, costsMs: number[]): void {
  costsMs.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} median ${(quantile(costsMs, 0.5) * 1000).toFixed(1)} µs, ` +
      `p95 ${(quantile(costsMs, 0.95) * 1000).toFixed(1)} µs per 20 ms frame (${costsMs.length} frames)`,
  );
}

const text = 'hi, can I order a large pepperoni pizza for delivery, and two cokes please';
const speechByRate = new Map<number, Int16Array>();
for (const rate of [8000, 16000, 22050, 24000, 48000])
  speechByRate.set(rate, await synthesizeSpeech(text, rate));

function frames(rate: number): Int16Array[] {
  const speech = speechByRate.get(rate) as Int16Array;
  const size = Math.round(rate / 50);
  const out: Int16Array[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i + size <= speech.length; i += size) out.push(speech.subarray(i, i + size));
  }
  return out;
}

const mulawFrames = frames(8000).map((frame) => encodeMulaw(frame));
const decodeCosts: number[] = [];
for (const frame of mulawFrames) {
  const start = performance.now();
  decodeMulaw(frame);
  decodeCosts.push(performance.now() - start);
}
report('μ-law decode 8 kHz', decodeCosts);
const encodeCosts: number[] = [];
for (const frame of frames(8000)) {
  const start = performance.now();
  encodeMulaw(frame);
  encodeCosts.push(performance.now() - start);
}
report('μ-law encode 8 kHz', encodeCosts);

for (const [fromHz, toHz] of [
  [8000, 16000],
  [16000, 8000],
  [22050, 8000],
  [24000, 8000],
  [24000, 16000],
  [48000, 16000],
] as const) {
  const resampler = new StreamingResampler(fromHz, toHz);
  const costs: number[] = [];
  for (const frame of frames(fromHz)) {
    const start = performance.now();
    resampler.push(frame);
    costs.push(performance.now() - start);
  }
  report(`resample ${fromHz} → ${toHz} Hz`, costs.slice(50));
}
