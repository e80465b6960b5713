/**
 * Turns the failover wrappers' `onFailover` reports into the call's record: each failover is
 * counted (`VendorFailoverMetrics`) and, once the call has a session, written as a
 * `VendorFailover` event through `sink`, in the order they happened. One recorder per call, made
 * before its providers (their `onFailover` is this recorder's) and attached to the session when
 * it opens; failovers before that (a pre-call provider check) are counted, not recorded.
 *
 * Recording is observability, not the call: a failed write goes to `onRecordError` and the call
 * goes on; nothing here throws into a provider.
 */
import type { VendorFailoverPayload } from '../../contracts/events/index.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import type { SessionRef } from '../session/index.ts';
import type { FailoverEvent } from './failover-types.ts';
import { vendorFailoverPayload } from './vendor-failover-event.ts';
import type { VendorFailoverMetrics } from './vendor-failover-metrics.ts';

/** Appends one `VendorFailover` event for the session (e.g. to the events table). */
export type VendorFailoverSink = (
  session: SessionRef,
  payload: VendorFailoverPayload,
  signal?: AbortSignal,
) => Promise<void>;

/** What the recorder reads of the call session: its ref and how many turns it has taken. */
export interface FailoverSessionView {
  readonly ref: SessionRef;
  readonly state: { readonly turns: number };
}

export interface VendorFailoverRecorderOptions {
  /** Absent: failovers are counted and observed, not stored (a call without a database). */
  sink?: VendorFailoverSink;
  metrics?: VendorFailoverMetrics;
  /** Credentials to blank out of vendor error messages: the configured API keys. */
  secrets?: readonly string[];
  /** Every payload as it is recorded (logs, tests). Must not throw. */
  onRecorded?: (payload: VendorFailoverPayload) => void;
  /** A payload could not be made or written. */
  onRecordError?: (error: unknown) => void;
  clock?: Clock;
  /** Cancels writes still running at hang-up. */
  signal?: AbortSignal;
}

export class VendorFailoverRecorder {
  private readonly clock: Clock;
  private session: FailoverSessionView | undefined;
  private openedAtMs = 0;
  /** Writes run one after the other, so the events keep the failovers' order. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly options: VendorFailoverRecorderOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** The wrappers' `onFailover`. */
  readonly onFailover = (event: FailoverEvent): void => {
    this.guard(() => this.options.metrics?.count(event));
    const session = this.session;
    if (!session) return;
    let payload: VendorFailoverPayload;
    try {
      payload = vendorFailoverPayload(
        event,
        { turn: session.state.turns, elapsedMs: this.clock.monotonicMs() - this.openedAtMs },
        this.options.secrets,
      );
    } catch (error) {
      this.guard(() => this.options.onRecordError?.(error));
      return;
    }
    this.guard(() => this.options.onRecorded?.(payload));
    const sink = this.options.sink;
    if (!sink) return;
    this.writes = this.writes.then(async () => {
      try {
        await sink(session.ref, payload, this.options.signal);
      } catch (error) {
        this.guard(() => this.options.onRecordError?.(error));
      }
    });
  };

  /** From now on failovers belong to `session`; its time starts now. */
  attach(session: FailoverSessionView): void {
    this.session = session;
    this.openedAtMs = this.clock.monotonicMs();
  }

  /** Settles when every write started so far has; never rejects. */
  flush(): Promise<void> {
    return this.writes;
  }

  private guard(report: () => void): void {
    try {
      report();
    } catch {
      // A metric or a report hook must not break the provider that failed over.
    }
  }
}
