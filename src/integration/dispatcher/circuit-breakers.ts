import {
  CircuitState as CockatielState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  noJitterGenerator,
  type IBackoff,
  type IBreaker,
} from 'cockatiel';
import type { ActionQueue } from '../../contracts/actions/action-type.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive target failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /**
   * When a circuit opens, as a cockatiel breaker per circuit (e.g. a `SamplingBreaker` for a
   * failure rate). @default a `ConsecutiveBreaker` of `failureThreshold`
   */
  newBreaker?: () => IBreaker;
  /** How long an open circuit defers actions before one probe is let through, in ms. @default 30_000 */
  openMs?: number;
  /**
   * Cap of the open time, in ms: each failed probe doubles it, from `openMs`, so a POS that is
   * down for hours is probed every few minutes rather than every 30 s. @default 10 × openMs
   */
  maxOpenMs?: number;
  clock?: Clock;
  /** Called on every state change, e.g. to set the Prometheus gauge. */
  onStateChange?: (queue: ActionQueue, tenantId: string, state: CircuitState) => void;
}

interface Circuit {
  state: CircuitState;
  breaker: IBreaker;
  openedAtMs: number;
  /** How long this opening lasts; grows with each failed probe. */
  openFor: IBackoff<unknown> | undefined;
  probeInFlight: boolean;
}

/**
 * One circuit per tenant × queue, so one restaurant's dead POS never slows another's and a
 * POS outage never holds up its printer. Open: the tenant's actions of that queue are not
 * claimed (deferred, not failed). After `openMs` one probe goes through; its success closes
 * the circuit, its failure opens it again, for twice as long. State is per dispatcher process.
 *
 * When to open and how long to stay open are cockatiel's (`IBreaker`, `ExponentialBackoff`).
 * The state machine is ours, because it acts at claim time: an open circuit's tenant is not
 * claimed at all, where cockatiel's policy would have the claimed calls wait on the probe
 * while holding their leases (ADR 0007).
 */
export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  private readonly newBreaker: () => IBreaker;
  private readonly openTimes: ExponentialBackoff<number>;
  private readonly openMs: number;
  private readonly clock: Clock;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    const failureThreshold = options.failureThreshold ?? 5;
    this.newBreaker = options.newBreaker ?? (() => new ConsecutiveBreaker(failureThreshold));
    this.openMs = options.openMs ?? 30_000;
    this.openTimes = new ExponentialBackoff({
      generator: noJitterGenerator,
      initialDelay: this.openMs,
      maxDelay: Math.max(this.openMs, options.maxOpenMs ?? 10 * this.openMs),
      exponent: 2,
    });
    this.clock = options.clock ?? systemClock;
  }

  /** The circuit's state now (an open circuit whose wait is over reads as half-open). */
  state(queue: ActionQueue, tenantId: string): CircuitState {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (!circuit) return 'closed';
    if (circuit.state === 'open' && this.openLeftMs(circuit) <= 0) {
      this.set(queue, tenantId, circuit, 'half_open');
    }
    return circuit.state;
  }

  /** Tenants whose actions of `queue` must not be claimed now. */
  deferredTenants(queue: ActionQueue): string[] {
    const tenants: string[] = [];
    for (const [circuitKey, circuit] of this.circuits) {
      const [circuitQueue, tenantId] = circuitKey.split('|') as [ActionQueue, string];
      if (circuitQueue !== queue) continue;
      const state = this.state(queue, tenantId);
      if (state === 'open' || (state === 'half_open' && circuit.probeInFlight)) {
        tenants.push(tenantId);
      }
    }
    return tenants;
  }

  /** Whether a claimed action may be sent now; in half-open, only one probe at a time. */
  tryAcquire(queue: ActionQueue, tenantId: string): boolean {
    const state = this.state(queue, tenantId);
    if (state === 'closed') return true;
    const circuit = this.circuits.get(key(queue, tenantId))!;
    if (state === 'half_open' && !circuit.probeInFlight) {
      circuit.probeInFlight = true;
      return true;
    }
    return false;
  }

  /** When a deferred action of this circuit is worth trying again, in ms from now. */
  retryInMs(queue: ActionQueue, tenantId: string): number {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (!circuit || circuit.state !== 'open') return this.openMs / 10;
    return Math.max(0, this.openLeftMs(circuit));
  }

  onSuccess(queue: ActionQueue, tenantId: string): void {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (!circuit) return;
    circuit.breaker.success(cockatielState[circuit.state]);
    circuit.probeInFlight = false;
    if (circuit.state !== 'closed') {
      circuit.openFor = undefined;
      this.set(queue, tenantId, circuit, 'closed');
    }
  }

  onFailure(queue: ActionQueue, tenantId: string): void {
    const circuitKey = key(queue, tenantId);
    let circuit = this.circuits.get(circuitKey);
    if (!circuit) {
      circuit = {
        state: 'closed',
        breaker: this.newBreaker(),
        openedAtMs: 0,
        openFor: undefined,
        probeInFlight: false,
      };
      this.circuits.set(circuitKey, circuit);
    }
    const wasProbe = circuit.state === 'half_open';
    const breaks = circuit.breaker.failure(cockatielState[circuit.state]);
    circuit.probeInFlight = false;
    if (wasProbe || (circuit.state === 'closed' && breaks)) {
      circuit.openedAtMs = this.clock.monotonicMs();
      // A failed probe opens for longer than the opening before it.
      circuit.openFor =
        wasProbe && circuit.openFor ? circuit.openFor.next(undefined) : this.openTimes.next();
      this.set(queue, tenantId, circuit, 'open');
    }
  }

  /** Releases a half-open probe that ended without a verdict on the target (e.g. rejected input). */
  onNeutral(queue: ActionQueue, tenantId: string): void {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (circuit) circuit.probeInFlight = false;
  }

  private openLeftMs(circuit: Circuit): number {
    const openMs = circuit.openFor?.duration ?? this.openMs;
    return openMs - (this.clock.monotonicMs() - circuit.openedAtMs);
  }

  private set(queue: ActionQueue, tenantId: string, circuit: Circuit, state: CircuitState): void {
    circuit.state = state;
    this.options.onStateChange?.(queue, tenantId, state);
  }
}

const cockatielState: Record<CircuitState, CockatielState> = {
  closed: CockatielState.Closed,
  open: CockatielState.Open,
  half_open: CockatielState.HalfOpen,
};

function key(queue: ActionQueue, tenantId: string): string {
  return `${queue}|${tenantId}`;
}
