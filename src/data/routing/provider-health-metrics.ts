import { Gauge, type Registry } from 'prom-client';
import type { HealthState, ProviderHealth } from './provider-health.ts';

const stateValue: Record<HealthState, number> = { healthy: 0, probing: 1, unhealthy: 2 };
const labelNames = ['stage', 'vendor', 'model'] as const;
type Label = (typeof labelNames)[number];

/**
 * Provider health as Prometheus gauges, read from `health` at scrape time (a cooldown ends
 * without any outcome being recorded, so pushing values on record would go stale).
 */
export function registerProviderHealthMetrics(registry: Registry, health: ProviderHealth): void {
  const gauge = (name: string, help: string, value: (ref: ProviderHealthRow) => number) => {
    if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
    return new Gauge<Label>({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const row of rows(health)) {
          const measured = value(row);
          if (Number.isFinite(measured)) this.set(row.labels, measured);
        }
      },
    });
  };
  gauge(
    'voxeron_provider_health_state',
    'Provider health per stage, vendor and model: 0 healthy, 1 probing, 2 unhealthy',
    (row) => stateValue[row.state],
  );
  gauge(
    'voxeron_provider_error_ratio',
    'Failed attempts over all attempts in the sliding window',
    (row) => row.errorRate,
  );
  gauge(
    'voxeron_provider_first_token_p95_seconds',
    'p95 time to first partial, token or audio chunk over the sliding window',
    (row) => (row.firstTokenP95Ms === undefined ? Number.NaN : row.firstTokenP95Ms / 1000),
  );
}

interface ProviderHealthRow {
  labels: Record<Label, string>;
  state: HealthState;
  errorRate: number;
  firstTokenP95Ms: number | undefined;
}

function rows(health: ProviderHealth): ProviderHealthRow[] {
  return health.providers().map((ref) => ({
    labels: { stage: ref.stage, vendor: ref.vendor, model: ref.model },
    ...health.snapshot(ref),
  }));
}
