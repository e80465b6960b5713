/**
 * Rolling health per vendor model, fed by the pipeline and read by the router: error rate and
 * first-token latency over a sliding window (the last `windowSize` outcomes no older than
 * `windowMs`), with a circuit: a provider that fails too often is `unhealthy` for a cooldown,
 * then `probing` (sessions may route to it again; the next outcome decides), then `healthy`.
 */
import type { VendorFailoverReason } from '../../contracts/events/index.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { percentile } from '../pipeline/latency/percentiles.ts';
import { providerKey, type ProviderRef } from './provider-ref.ts';

export type HealthState = 'healthy' | 'probing' | 'unhealthy';

/**
 * How an attempt failed: a vendor error, a stall before or between outputs, a stream the vendor
 * ended unasked, or no output at all. The `VendorFailover` event's reasons, one for one.
 */
export type ProviderFailureKind = VendorFailoverReason;

export interface HealthSnapshot {
  state: HealthState;
  /** Failures / outcomes in the window; 0 with no outcomes. */
  errorRate: number;
  /** p95 first-token latency of the window's successes; undefined with none. */
  firstTokenP95Ms: number | undefined;
  /** Outcomes in the window. */
  samples: number;
}

/** What the router reads; `ProviderHealth` implements it, tests may script it. */
export interface ProviderHealthView {
  snapshot(ref: ProviderRef): HealthSnapshot;
}

export interface ProviderHealthOptions {
  clock?: Clock;
  /** @default 50 outcomes */
  windowSize?: number;
  /** @default 300_000 (five minutes: recent enough to follow an outage, long enough to count) */
  windowMs?: number;
  /** Error rate at or over which a provider turns unhealthy. @default 0.5 */
  errorRateThreshold?: number;
  /** Outcomes needed before the error rate counts. @default 5 */
  minSamples?: number;
  /** Failures in a row that turn a provider unhealthy whatever the rate. @default 3 */
  consecutiveFailuresToOpen?: number;
  /** First cooldown before probing; doubles on each failed probe. @default 30_000 */
  cooldownMs?: number;
  /** @default 300_000 */
  maxCooldownMs?: number;
}

interface Outcome {
  atMs: number;
  ok: boolean;
  firstTokenMs?: number;
  failure?: ProviderFailureKind;
}

interface Circuit {
  outcomes: Outcome[];
  consecutiveFailures: number;
  /** Set while unhealthy or probing. */
  openedAtMs: number | undefined;
  cooldownMs: number;
}

const healthySnapshot: HealthSnapshot = {
  state: 'healthy',
  errorRate: 0,
  firstTokenP95Ms: undefined,
  samples: 0,
};

export class ProviderHealth implements ProviderHealthView {
  private readonly circuits = new Map<string, { ref: ProviderRef; circuit: Circuit }>();
  private readonly clock: Clock;
  private readonly options: Required<Omit<ProviderHealthOptions, 'clock'>>;

  constructor(options: ProviderHealthOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.options = {
      windowSize: options.windowSize ?? 50,
      windowMs: options.windowMs ?? 300_000,
      errorRateThreshold: options.errorRateThreshold ?? 0.5,
      minSamples: options.minSamples ?? 5,
      consecutiveFailuresToOpen: options.consecutiveFailuresToOpen ?? 3,
      cooldownMs: options.cooldownMs ?? 30_000,
      maxCooldownMs: options.maxCooldownMs ?? 300_000,
    };
  }

  /** The provider produced its first output after `firstTokenMs` and the attempt succeeded. */
  recordSuccess(ref: ProviderRef, firstTokenMs: number): void {
    const circuit = this.circuitOf(ref);
    const state = this.stateOf(circuit);
    this.push(circuit, { atMs: this.clock.monotonicMs(), ok: true, firstTokenMs });
    circuit.consecutiveFailures = 0;
    if (state === 'probing') {
      // The probe worked: close, and forget the failures that opened the circuit.
      circuit.openedAtMs = undefined;
      circuit.cooldownMs = this.options.cooldownMs;
      circuit.outcomes = circuit.outcomes.filter((outcome) => outcome.ok);
    }
  }

  recordFailure(ref: ProviderRef, kind: ProviderFailureKind): void {
    const circuit = this.circuitOf(ref);
    const state = this.stateOf(circuit);
    const nowMs = this.clock.monotonicMs();
    this.push(circuit, { atMs: nowMs, ok: false, failure: kind });
    circuit.consecutiveFailures += 1;
    if (state === 'probing') {
      circuit.cooldownMs = Math.min(circuit.cooldownMs * 2, this.options.maxCooldownMs);
      circuit.openedAtMs = nowMs;
      return;
    }
    if (state === 'unhealthy') return;
    const { samples, errorRate } = this.rates(circuit);
    if (
      circuit.consecutiveFailures >= this.options.consecutiveFailuresToOpen ||
      (samples >= this.options.minSamples && errorRate >= this.options.errorRateThreshold)
    ) {
      circuit.openedAtMs = nowMs;
    }
  }

  snapshot(ref: ProviderRef): HealthSnapshot {
    const entry = this.circuits.get(providerKey(ref));
    if (!entry) return healthySnapshot;
    const circuit = entry.circuit;
    this.prune(circuit);
    const latencies = circuit.outcomes
      .flatMap((outcome) => (outcome.firstTokenMs === undefined ? [] : [outcome.firstTokenMs]))
      .sort((a, b) => a - b);
    return {
      state: this.stateOf(circuit),
      ...this.rates(circuit),
      firstTokenP95Ms: latencies.length === 0 ? undefined : percentile(latencies, 0.95),
    };
  }

  /** Every provider with recorded outcomes, for the metrics. */
  providers(): ProviderRef[] {
    return [...this.circuits.values()].map((entry) => entry.ref);
  }

  private stateOf(circuit: Circuit): HealthState {
    if (circuit.openedAtMs === undefined) return 'healthy';
    return this.clock.monotonicMs() - circuit.openedAtMs < circuit.cooldownMs
      ? 'unhealthy'
      : 'probing';
  }

  private rates(circuit: Circuit): { samples: number; errorRate: number } {
    this.prune(circuit);
    const samples = circuit.outcomes.length;
    const failures = circuit.outcomes.filter((outcome) => !outcome.ok).length;
    return { samples, errorRate: samples === 0 ? 0 : failures / samples };
  }

  private push(circuit: Circuit, outcome: Outcome): void {
    circuit.outcomes.push(outcome);
    this.prune(circuit);
  }

  private prune(circuit: Circuit): void {
    const oldestMs = this.clock.monotonicMs() - this.options.windowMs;
    const excess = circuit.outcomes.length - this.options.windowSize;
    if (excess > 0) circuit.outcomes.splice(0, excess);
    while (circuit.outcomes[0] !== undefined && circuit.outcomes[0].atMs < oldestMs) {
      circuit.outcomes.shift();
    }
  }

  private circuitOf(ref: ProviderRef): Circuit {
    const key = providerKey(ref);
    let entry = this.circuits.get(key);
    if (!entry) {
      entry = {
        ref: { ...ref },
        circuit: {
          outcomes: [],
          consecutiveFailures: 0,
          openedAtMs: undefined,
          cooldownMs: this.options.cooldownMs,
        },
      };
      this.circuits.set(key, entry);
    }
    return entry.circuit;
  }
}
