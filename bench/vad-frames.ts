/**
 * Cost of the VAD per 20 ms frame (Silero v5 via onnxruntime-node, one thread, plus the
 * segmenter), on 20 s of synthesised speech with noise, at 8 and 16 kHz: median, p95, p99 and
 * the share of one core one call's VAD takes.
 * Run: node --import tsx bench/vad-frames.ts
 */
import {
  concatPcm16,
  mixPcm16,
  silence,
  synthesizeSpeech,
  whiteNoise,
} from '../src/data/pipeline/audio/testing/sox.ts';
import { createSpeechSegmenter } from '../src/data/pipeline/vad/speech-segmenter.ts';

function quantile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

for (const sampleRateHz of [8000, 16000] as const) {
  const parts: Int16Array[] = [];
  for (const text of [
    'hi, can I order a large pepperoni pizza for delivery',
    'my number is five five five, one two three, four five six seven',
    "yes, that's all, thank you",
  ]) {
    parts.push(await synthesizeSpeech(text, sampleRateHz), silence(1500, sampleRateHz));
  }
  const clean = concatPcm16(parts);
  const audio = mixPcm16(
    clean,
    await whiteNoise((clean.length * 1000) / sampleRateHz, sampleRateHz, 0.02),
  );
  const frameSamples = sampleRateHz / 50;
  const costsMs: number[] = [];
  let segments = 0;
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    const segmenter = await createSpeechSegmenter({ sampleRateHz });
    for (let i = 0; i + frameSamples <= audio.length; i += frameSamples) {
      const frame = audio.subarray(i, i + frameSamples);
      const start = performance.now();
      const events = segmenter.push(frame, (i * 1000) / sampleRateHz);
      const elapsedMs = performance.now() - start;
      if (round > 0) costsMs.push(elapsedMs); // round 0 warms up
      segments += events.filter((event) => event.type === 'speech_start').length;
    }
    segmenter.close();
  }
  costsMs.sort((a, b) => a - b);
  const meanMs = costsMs.reduce((sum, cost) => sum + cost, 0) / costsMs.length;
  console.log(
    `VAD ${sampleRateHz} Hz, ${costsMs.length} frames of 20 ms: ` +
      `median ${quantile(costsMs, 0.5).toFixed(3)} ms, p95 ${quantile(costsMs, 0.95).toFixed(3)} ms, ` +
      `p99 ${quantile(costsMs, 0.99).toFixed(3)} ms, mean ${meanMs.toFixed(3)} ms ` +
      `(${((meanMs / 20) * 100).toFixed(2)}% of a core per call); ` +
      `${segments / rounds} utterances found per pass (3 spoken)`,
  );
}
