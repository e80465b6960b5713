/** Voice latency: per-turn recorder, percentile summaries, Prometheus histograms. */
export * from './percentiles.ts';
export * from './turn-latency.ts';
export * from './latency-report.ts';
export * from './latency-metrics.ts';
