import { Counter, type Registry } from 'prom-client';
import type { FailoverEvent } from './failover-types.ts';

const name = 'voxeron_vendor_failovers_total';
const labelNames = ['stage', 'from', 'to', 'reason'] as const;
type Label = (typeof labelNames)[number];

/**
 * `voxeron_vendor_failovers_total{stage,from,to,reason}`: vendors abandoned mid-call. `stage` as
 * in the `voxeron_provider_*` gauges; `from` and `to` are `vendor/model`, `to` is `none` when no
 * vendor was left. One counter per registry.
 */
export class VendorFailoverMetrics {
  private readonly failovers: Counter<Label>;

  constructor(registry: Registry) {
    this.failovers =
      (registry.getSingleMetric(name) as Counter<Label> | undefined) ??
      new Counter({
        name,
        help: 'Vendors abandoned mid-call, by stage, from and to vendor/model, and reason',
        labelNames,
        registers: [registry],
      });
  }

  count(event: FailoverEvent): void {
    this.failovers.inc({
      stage: event.stage,
      from: `${event.from.vendor}/${event.from.model}`,
      to: event.to ? `${event.to.vendor}/${event.to.model}` : 'none',
      reason: event.reason,
    });
  }
}
