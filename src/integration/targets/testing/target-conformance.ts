import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isContractViolation } from '../../../contracts/common/contract-violation.ts';
import { newId } from '../../../platform/ids.ts';
import { isVoxeronError, Retry } from '../../../platform/errors.ts';
import type { ActionTarget, TargetActionType, TargetCallContext } from '../action-target.ts';
import type { TargetInput } from '../target-contracts.ts';
import type { HttpFault } from './http-faults.ts';

/** One target prepared for the conformance suite. */
export interface TargetUnderTest<Type extends TargetActionType> {
  target: ActionTarget<Type>;
  tenantId: string;
  /** A fresh valid payload with its own business identity. */
  payload(): TargetInput<Type>;
  /** The key the target deduplicates on for this payload (the action's key by default). */
  keyFor?(payload: TargetInput<Type>, actionKey: string): string;
  /** Effects the target holds for a call context (orders, messages, print jobs). */
  effects(payload: TargetInput<Type>, context: TargetCallContext): Promise<number>;
  /** Whether a repeated execute with the same key is a no-op at the target itself. */
  idempotentExecute: boolean;
  /**
   * False for targets that cannot be asked what happened (webhook receivers): reconcile must then
   * always find nothing, and the dispatcher resends — at least once, deduplicated by the key.
   * @default true
   */
  reconcilable?: boolean;
  /** A 2xx is success whatever its body (webhooks): a garbage body then succeeds. */
  ignoresAnswerBody?: boolean;
  /** Plays `fault` on the next write; absent for targets that cannot be made to fail. */
  injectFault?(fault: HttpFault): void;
  close?(): Promise<void>;
}

function retryOf(error: unknown): Retry | 'contract' | 'other' {
  if (isVoxeronError(error)) return error.retry;
  return isContractViolation(error) ? 'contract' : 'other';
}

/**
 * The behaviour every action target must show, run against each adapter and each fake (as
 * hono runs one router suite against every router): contract-valid answers, read-only
 * reconciliation by key, input validated before any call, abort honoured, and — where faults
 * can be injected — each failure thrown with the retry semantics the dispatcher acts on.
 */
export function runTargetConformance<Type extends TargetActionType>(
  name: string,
  setup: () => Promise<TargetUnderTest<Type>>,
): void {
  void describe(`action target conformance: ${name}`, () => {
    let under: TargetUnderTest<Type>;
    before(async () => {
      under = await setup();
    });
    after(async () => {
      await under.close?.();
    });

    const context = (signal = AbortSignal.timeout(5000)): TargetCallContext => ({
      tenantId: under.tenantId,
      actionId: newId(),
      idempotencyKey: `vx1-conformance-${newId()}`,
      signal,
    });

    /** Aborts `deadline` once the target holds the call's effect (10 s at most). */
    const abortOnceCommitted = async (
      payload: TargetInput<Type>,
      call: TargetCallContext,
      deadline: AbortController,
    ) => {
      const giveUpAtMs = Date.now() + 10_000;
      while (Date.now() < giveUpAtMs) {
        const probe = { ...call, signal: AbortSignal.timeout(5000) };
        if ((await under.effects(payload, probe).catch(() => 0)) >= 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      deadline.abort(new Error('deadline'));
    };

    void it('answers within its output contract, and reconcile finds that effect', async () => {
      const payload = under.payload();
      const call = context();
      const result = await under.target.execute(payload, call);
      // The base class validated it against the output contract; every contract is an object.
      assert.ok(result && typeof result === 'object');
      const found = await under.target.reconcile(payload, {
        ...call,
        signal: AbortSignal.timeout(5000),
      });
      if (under.reconcilable === false) {
        assert.deepEqual(found, { found: false });
      } else {
        assert.equal(found.found, true);
        assert.deepEqual(found.found && found.result, result);
      }
      assert.equal(await under.effects(payload, call), 1);
    });

    void it('finds nothing when reconciling a key that was never executed', async () => {
      const payload = under.payload();
      const found = await under.target.reconcile(payload, context());
      assert.deepEqual(found, { found: false });
    });

    void it('rejects input outside the contract before calling the target', async () => {
      const payload = { ...under.payload(), tenant_id: 'not-a-uuid' } as TargetInput<Type>;
      const call = context();
      await assert.rejects(under.target.execute(payload, call), isContractViolation);
    });

    void it('does nothing when the signal is already aborted', async () => {
      const payload = under.payload();
      const controller = new AbortController();
      controller.abort();
      const call = context(controller.signal);
      await assert.rejects(
        under.target.execute(payload, call),
        (error: unknown) => retryOf(error) === Retry.never,
      );
      assert.equal(await under.effects(payload, { ...call, signal: AbortSignal.timeout(5000) }), 0);
    });

    void it('applies a repeated key once (or declares that it relies on reconciliation)', async (t) => {
      if (!under.idempotentExecute) {
        t.skip('this target has no idempotency key: the dispatcher reconciles before a resend');
        return;
      }
      const payload = under.payload();
      const call = context();
      const first = await under.target.execute(payload, call);
      const second = await under.target.execute(payload, {
        ...call,
        signal: AbortSignal.timeout(5000),
      });
      assert.deepEqual(second, first);
      assert.equal(await under.effects(payload, call), 1);
    });

    const faultCases: { fault: HttpFault; retry: Retry; committed: boolean }[] = [
      { fault: 'error_after_commit', retry: Retry.reconcile, committed: true },
      { fault: 'unavailable', retry: Retry.retryable, committed: false },
      { fault: 'rate_limited', retry: Retry.retryable, committed: false },
      { fault: 'gone', retry: Retry.never, committed: false },
      { fault: 'reset_after_commit', retry: Retry.reconcile, committed: true },
      { fault: 'reset', retry: Retry.reconcile, committed: false },
      { fault: 'hang_after_commit', retry: Retry.reconcile, committed: true },
      { fault: 'garbage_after_commit', retry: Retry.reconcile, committed: true },
    ];
    for (const { fault, retry, committed } of faultCases) {
      void it(`classifies ${fault} as ${retry}, and reconcile tells whether it happened`, async (t) => {
        if (!under.injectFault) {
          t.skip('no fault injection for this target');
          return;
        }
        under.injectFault(fault);
        const payload = under.payload();
        // A hang is cut once the target has committed (as a caller's deadline would be), not
        // after a fixed time: on a loaded machine the request may not have arrived by then.
        const deadline = new AbortController();
        const call = context(deadline.signal);
        if (fault.startsWith('hang')) void abortOnceCommitted(payload, call, deadline);
        else setTimeout(() => deadline.abort(new Error('deadline')), 5000).unref();
        if (fault === 'garbage_after_commit' && under.ignoresAnswerBody) {
          await under.target.execute(payload, call);
          assert.equal(await under.effects(payload, call), 1);
          return;
        }
        const error = await under.target.execute(payload, call).then(
          () => assert.fail(`${fault} must fail`),
          (caught: unknown) => caught,
        );
        assert.equal(retryOf(error), retry, `${fault}: ${String(error)}`);
        if (fault === 'rate_limited') {
          assert.ok(isVoxeronError(error) && (error.retryAfterMs ?? 0) > 0, 'Retry-After is kept');
        }
        const found = await under.target.reconcile(payload, {
          ...call,
          signal: AbortSignal.timeout(5000),
        });
        assert.equal(found.found, under.reconcilable === false ? false : committed);
        assert.equal(await under.effects(payload, call), committed ? 1 : 0, 'effect count');
      });
    }
  });
}
