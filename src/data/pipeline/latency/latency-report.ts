/** p50/p95/p99 of every latency stage over many turns (a call, a bench run, a test). */
import type { LatencySummary } from './percentiles.ts';
import { summarizeLatency } from './percentiles.ts';
import type { TurnLatency } from './turn-latency.ts';

const reported = [
  'ttfaMs',
  'asrPartialLatencyMs',
  'asrWordLagMs',
  'asrFinalLatencyMs',
  'endpointingMs',
  'dialogueMs',
  'ttsFirstChunkLatencyMs',
  'platformOverheadMs',
] as const satisfies readonly (keyof TurnLatency)[];

export type LatencyReport = Record<(typeof reported)[number], LatencySummary>;

export function latencyReport(turns: readonly TurnLatency[]): LatencyReport {
  return Object.fromEntries(
    reported.map((field) => [
      field,
      summarizeLatency(
        turns.map((turn) => turn[field]).filter((value): value is number => value !== undefined),
      ),
    ]),
  ) as LatencyReport;
}
