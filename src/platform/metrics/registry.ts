import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process, served at `/metrics`. Metric names carry units
 * (`_seconds`, `_bytes`, `_total`) as Prometheus conventions ask.
 */
export function createMetricsRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: 'voxeron_' });
  return registry;
}

export type { Registry } from 'prom-client';
