import type { HealthSnapshot, ProviderHealthView } from '../provider-health.ts';
import { providerKey, type ProviderRef } from '../provider-ref.ts';

/** A health view whose snapshots a test sets by `stage:vendor/model`; the rest are healthy. */
export class ScriptedHealth implements ProviderHealthView {
  private readonly snapshots = new Map<string, HealthSnapshot>();

  set(key: string, snapshot: Partial<HealthSnapshot>): this {
    this.snapshots.set(key, {
      state: 'healthy',
      errorRate: 0,
      firstTokenP95Ms: undefined,
      samples: 10,
      ...snapshot,
    });
    return this;
  }

  snapshot(ref: ProviderRef): HealthSnapshot {
    return (
      this.snapshots.get(providerKey(ref)) ?? {
        state: 'healthy',
        errorRate: 0,
        firstTokenP95Ms: undefined,
        samples: 0,
      }
    );
  }
}
