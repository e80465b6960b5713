import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ActionQueue } from '../../contracts/actions/action-type.ts';
import type { CircuitState } from './circuit-breakers.ts';

const circuitStateValue: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** The dispatcher's Prometheus metrics, registered once per registry. */
export class DispatcherMetrics {
  readonly circuitState: Gauge<'queue' | 'tenant'>;
  readonly outcomes: Counter<'queue' | 'outcome'>;
  readonly commitToDispatchSeconds: Histogram<'queue'>;
  readonly attemptSeconds: Histogram<'queue'>;

  constructor(registry: Registry) {
    this.circuitState = getOrCreate(
      registry,
      'voxeron_circuit_state',
      () =>
        new Gauge({
          name: 'voxeron_circuit_state',
          help: 'Circuit breaker per tenant and integration queue: 0 closed, 1 half-open, 2 open',
          labelNames: ['queue', 'tenant'],
          registers: [registry],
        }),
    );
    this.outcomes = getOrCreate(
      registry,
      'voxeron_action_attempts_total',
      () =>
        new Counter({
          name: 'voxeron_action_attempts_total',
          help: 'Action attempts by queue and how they ended (succeeded, retrying, dead_letter, deferred, lease_lost)',
          labelNames: ['queue', 'outcome'],
          registers: [registry],
        }),
    );
    this.commitToDispatchSeconds = getOrCreate(
      registry,
      'voxeron_action_commit_to_dispatch_seconds',
      () =>
        new Histogram({
          name: 'voxeron_action_commit_to_dispatch_seconds',
          help: 'From the commit that enqueued an action to its first dispatch',
          labelNames: ['queue'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers: [registry],
        }),
    );
    this.attemptSeconds = getOrCreate(
      registry,
      'voxeron_action_attempt_seconds',
      () =>
        new Histogram({
          name: 'voxeron_action_attempt_seconds',
          help: 'Duration of one attempt against the target, reconciliation included',
          labelNames: ['queue'],
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
          registers: [registry],
        }),
    );
  }

  setCircuit(queue: ActionQueue, tenantId: string, state: CircuitState): void {
    this.circuitState.set({ queue, tenant: tenantId }, circuitStateValue[state]);
  }
}

function getOrCreate<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
