/**
 * Prometheus histograms of the voice latency stages (ARCHITECTURE §4), in seconds as Prometheus
 * conventions ask. One set per registry; sessions observe their finished turns into it.
 */
import { Histogram } from 'prom-client';
import type { Registry } from '../../../platform/metrics/index.ts';
import type { TurnLatency } from './turn-latency.ts';

/** Buckets from 10 ms to 10 s: covers platform overhead (ms) and a slow vendor (s). */
const bucketsSeconds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];

const observed = {
  ttfaMs: 'voxeron_voice_ttfa_seconds',
  asrPartialLatencyMs: 'voxeron_voice_asr_partial_latency_seconds',
  asrWordLagMs: 'voxeron_voice_asr_word_lag_seconds',
  asrFinalLatencyMs: 'voxeron_voice_asr_final_latency_seconds',
  dialogueMs: 'voxeron_voice_llm_first_token_seconds',
  ttsFirstChunkLatencyMs: 'voxeron_voice_tts_first_chunk_seconds',
  platformOverheadMs: 'voxeron_voice_platform_overhead_seconds',
} as const satisfies Partial<Record<keyof TurnLatency, string>>;

const help: Record<keyof typeof observed, string> = {
  ttfaMs:
    'Time to first agent audio: first audio out minus user stopped speaking (greeting: call answered)',
  asrPartialLatencyMs:
    'First ASR partial minus speech start (includes the time taken to say the first word)',
  asrWordLagMs:
    "A turn's slowest word: first partial showing the word minus when its audio reached the ASR",
  asrFinalLatencyMs: 'ASR final minus the end-of-utterance flush',
  dialogueMs: 'Reply text available minus turn committed',
  ttsFirstChunkLatencyMs: 'First TTS chunk minus the synthesis request',
  platformOverheadMs: 'TTFA minus endpointing and the time inside vendors',
};

export class VoiceLatencyMetrics {
  private readonly histograms: Map<keyof typeof observed, Histogram<'kind'>>;

  constructor(registry: Registry) {
    this.histograms = new Map(
      (Object.keys(observed) as (keyof typeof observed)[]).map((field) => {
        const name = observed[field];
        const existing = registry.getSingleMetric(name) as Histogram<'kind'> | undefined;
        return [
          field,
          existing ??
            new Histogram({
              name,
              help: help[field],
              labelNames: ['kind'],
              buckets: bucketsSeconds,
              registers: [registry],
            }),
        ];
      }),
    );
  }

  observe(turn: TurnLatency): void {
    for (const [field, histogram] of this.histograms) {
      const valueMs = turn[field];
      if (valueMs !== undefined && Number.isFinite(valueMs))
        histogram.observe({ kind: turn.kind }, valueMs / 1000);
    }
  }
}
