import type { Clock } from '../../platform/clock.ts';
import { systemClock } from '../../platform/clock.ts';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. @default 3 */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial is let through, in ms. @default 5000 */
  openDurationMs?: number;
  clock?: Clock;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * A per-printer circuit breaker: after repeated failures the agent stops hammering a printer
 * that is out of paper or unplugged and lets one trial through every `openDurationMs`.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAtMs: number | undefined;
  private readonly failureThreshold: number;
  private readonly openDurationMs: number;
  private readonly clock: Clock;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.openDurationMs = options.openDurationMs ?? 5000;
    this.clock = options.clock ?? systemClock;
  }

  get state(): CircuitState {
    if (this.openedAtMs === undefined) return 'closed';
    return this.clock.monotonicMs() - this.openedAtMs >= this.openDurationMs ? 'half_open' : 'open';
  }

  /** Milliseconds until a trial is allowed; 0 when a call may go through now. */
  waitMs(): number {
    if (this.openedAtMs === undefined) return 0;
    return Math.max(0, this.openedAtMs + this.openDurationMs - this.clock.monotonicMs());
  }

  allows(): boolean {
    return this.state !== 'open';
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAtMs = undefined;
  }

  recordFailure(): void {
    this.failures += 1;
    // A failed trial in half-open re-opens at once; otherwise open on reaching the threshold.
    if (this.openedAtMs !== undefined || this.failures >= this.failureThreshold) {
      this.openedAtMs = this.clock.monotonicMs();
    }
  }
}
