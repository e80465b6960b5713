import type { ActionQueue } from '../../contracts/actions/action-type.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive target failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long an open circuit defers actions before one probe is let through, in ms. @default 30_000 */
  openMs?: number;
  clock?: Clock;
  /** Called on every state change, e.g. to set the Prometheus gauge. */
  onStateChange?: (queue: ActionQueue, tenantId: string, state: CircuitState) => void;
}

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAtMs: number;
  probeInFlight: boolean;
}

/**
 * One circuit per tenant × queue, so one restaurant's dead POS never slows another's and a
 * POS outage never holds up its printer. Open: the tenant's actions of that queue are not
 * claimed (deferred, not failed). After `openMs` one probe goes through; its success closes
 * the circuit, its failure opens it again. State is per dispatcher process.
 */
export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  private readonly failureThreshold: number;
  private readonly openMs: number;
  private readonly clock: Clock;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 30_000;
    this.clock = options.clock ?? systemClock;
  }

  /** The circuit's state now (an open circuit whose wait is over reads as half-open). */
  state(queue: ActionQueue, tenantId: string): CircuitState {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (!circuit) return 'closed';
    if (circuit.state === 'open' && this.clock.monotonicMs() - circuit.openedAtMs >= this.openMs) {
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
    return Math.max(0, this.openMs - (this.clock.monotonicMs() - circuit.openedAtMs));
  }

  onSuccess(queue: ActionQueue, tenantId: string): void {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (!circuit) return;
    circuit.failures = 0;
    circuit.probeInFlight = false;
    if (circuit.state !== 'closed') this.set(queue, tenantId, circuit, 'closed');
  }

  onFailure(queue: ActionQueue, tenantId: string): void {
    const circuitKey = key(queue, tenantId);
    let circuit = this.circuits.get(circuitKey);
    if (!circuit) {
      circuit = { state: 'closed', failures: 0, openedAtMs: 0, probeInFlight: false };
      this.circuits.set(circuitKey, circuit);
    }
    circuit.failures += 1;
    const wasProbe = circuit.state === 'half_open';
    circuit.probeInFlight = false;
    if (wasProbe || circuit.failures >= this.failureThreshold) {
      circuit.openedAtMs = this.clock.monotonicMs();
      this.set(queue, tenantId, circuit, 'open');
    }
  }

  /** Releases a half-open probe that ended without a verdict on the target (e.g. rejected input). */
  onNeutral(queue: ActionQueue, tenantId: string): void {
    const circuit = this.circuits.get(key(queue, tenantId));
    if (circuit) circuit.probeInFlight = false;
  }

  private set(queue: ActionQueue, tenantId: string, circuit: Circuit, state: CircuitState): void {
    circuit.state = state;
    this.options.onStateChange?.(queue, tenantId, state);
  }
}

function key(queue: ActionQueue, tenantId: string): string {
  return `${queue}|${tenantId}`;
}
