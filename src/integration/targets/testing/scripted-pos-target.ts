import type { ToolInput } from '../../../contracts/tools/registry.ts';
import { OutcomeUnknownError, UnavailableError } from '../../../platform/errors.ts';
import { delay } from '../../../platform/clock.ts';
import type { TargetCallContext } from '../action-target.ts';
import { ActionTargetBase } from '../target-base.ts';
import { TargetRejectedError } from '../target-errors.ts';
import { commitsEffect, type FaultScript, type HttpFault } from './http-faults.ts';

export interface ScriptedPosOptions {
  faults?: FaultScript;
  /** How long each call takes, in ms. @default 0 */
  latencyMs?: number;
  /**
   * Whether a repeated key returns the first order (a well-behaved POS) or creates another
   * (a POS without idempotency: only reconcile-before-resend prevents a double order).
   * @default true
   */
  honoursIdempotencyKey?: boolean;
  retryAfterMs?: number;
  /** The first this many reconciliation lookups fail (the POS cannot be asked). @default 0 */
  failingLookups?: number;
  /**
   * A `hang` the caller gave up on still lands this many ms after the abort, as a request
   * already on the wire does when the POS was slow to read it. @default never
   */
  hangLandsLateAfterMs?: number;
}

/**
 * A POS in memory with scripted behaviour, for dispatcher and model-based tests: the same
 * faults as the fake HTTP servers, thrown as the errors an HTTP adapter would throw. It
 * records every effect per key, so tests can assert "at most one effect per key".
 */
export class ScriptedPosTarget extends ActionTargetBase<'create_pos_order'> {
  readonly actionType = 'create_pos_order';
  readonly name = 'scripted-pos';
  /** Effects applied per idempotency key (more than one is a double order). */
  readonly effects = new Map<string, number>();
  readonly callsByKey = new Map<string, number>();
  private readonly orders = new Map<string, string>();
  private seq = 0;
  private nextFaults: HttpFault[] = [];
  /** Reconciliation lookups asked so far. */
  lookups = 0;

  constructor(private readonly options: ScriptedPosOptions = {}) {
    super();
  }

  /** Plays these faults on the next calls, before the script. */
  queueFaults(...faults: HttpFault[]): void {
    this.nextFaults.push(...faults);
  }

  protected async send(
    draft: ToolInput<'create_pos_order'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const key = context.idempotencyKey;
    const n = this.callsByKey.get(key) ?? 0;
    this.callsByKey.set(key, n + 1);
    const fault =
      this.nextFaults.shift() ?? this.options.faults?.({ n, idempotencyKey: key }) ?? 'none';
    if (this.options.latencyMs)
      await delay(this.options.latencyMs, context.signal).catch(() => {
        throw new OutcomeUnknownError('scripted POS call aborted');
      });
    const orderId = commitsEffect(fault) ? this.commit(key) : undefined;
    const answer = {
      status: 'accepted',
      order_reference: draft.order_reference,
      pos_order_id: orderId,
      estimated_ready_at: null,
    };
    switch (fault) {
      case 'none':
        return answer;
      case 'error_after_commit':
      case 'reset_after_commit':
      case 'reset':
        throw new OutcomeUnknownError(`scripted POS: ${fault}`);
      case 'unavailable':
        throw new UnavailableError('scripted POS: 503', {
          retryAfterMs: this.options.retryAfterMs,
        });
      case 'rate_limited':
        throw new UnavailableError('scripted POS: 429', {
          retryAfterMs: this.options.retryAfterMs ?? 1000,
        });
      case 'gone':
        throw new TargetRejectedError('http_410', 'scripted POS: 410');
      case 'garbage_after_commit':
        return { status: 'accepted', order_reference: '?' };
      case 'hang':
      case 'hang_after_commit':
        await new Promise<never>((_, reject) => {
          const fail = () => {
            const lateMs = this.options.hangLandsLateAfterMs;
            if (fault === 'hang' && lateMs !== undefined) {
              setTimeout(() => this.commit(key), lateMs);
            }
            reject(new OutcomeUnknownError(`scripted POS: ${fault}, aborted`));
          };
          if (context.signal.aborted) fail();
          context.signal.addEventListener('abort', fail, { once: true });
        });
        return undefined;
    }
  }

  protected lookup(
    draft: ToolInput<'create_pos_order'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    this.lookups += 1;
    if (this.lookups <= (this.options.failingLookups ?? 0)) {
      return Promise.reject(new UnavailableError('scripted POS: lookup 503'));
    }
    const orderId = this.orders.get(context.idempotencyKey);
    return Promise.resolve(
      orderId && {
        status: 'accepted',
        order_reference: draft.order_reference,
        pos_order_id: orderId,
        estimated_ready_at: null,
      },
    );
  }

  private commit(key: string): string {
    const existing = this.orders.get(key);
    if (existing && (this.options.honoursIdempotencyKey ?? true)) return existing;
    const id = `POS-${++this.seq}`;
    this.orders.set(key, existing ?? id);
    this.effects.set(key, (this.effects.get(key) ?? 0) + 1);
    return existing ?? id;
  }
}
