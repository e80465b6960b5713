import type { ActionError } from '../../contracts/actions/action-error.ts';
import { Retry } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { TargetActionType, TargetDirectory } from '../targets/action-target.ts';
import { parseTargetInput } from '../targets/target-contracts.ts';
import type { CircuitBreakers } from './circuit-breakers.ts';
import {
  mustReconcileFirst,
  outcomeUnknownCode,
  untriedAttemptError,
  type ClaimedAction,
} from './claimed-action.ts';
import { classifyFailure, type FailureDecision } from './classify-failure.ts';
import {
  confirmingError,
  confirmNoEffectAfterMs,
  isConfirmingNoEffect,
  reasonBeingConfirmed,
} from './confirm-no-effect.ts';
import type { DispatcherMetrics } from './dispatcher-metrics.ts';
import { handBackAction } from './hand-back.ts';
import { recordFailure, isLeaseLost } from './record-outcome.ts';
import type { SuccessBatcher } from './success-batch.ts';
import { backoffDelayMs, type RetrySchedule } from './retry-schedule.ts';

export interface DispatchDeps {
  db: Database;
  targets: TargetDirectory;
  breakers: CircuitBreakers;
  schedules: Record<string, RetrySchedule>;
  metrics: DispatcherMetrics | undefined;
  logger: Logger;
  /** Aborts in-flight calls when a graceful stop runs out of time. */
  interruptSignal: AbortSignal;
  /** Bound on writing an outcome, in ms: recording must finish even while stopping. */
  recordTimeoutMs: number;
  /** Writes successes in batches (ADR 0015). */
  successes: SuccessBatcher;
}

/** The least lease a call may start with, in ms, beyond the quarter kept for recording. */
const minCallLeaseMs = 50;

export type DispatchOutcome =
  'succeeded' | 'retrying' | 'confirming' | 'dead_letter' | 'deferred' | 'lease_lost';

/**
 * One attempt of one claimed action: validate the payload, respect the circuit, reconcile
 * first when the last outcome is unknown, call the target with the action's idempotency key
 * and a timeout, then write the outcome under the lease guard. Never throws: every path ends
 * in a recorded state, or in a lost lease that the next owner resolves.
 */
export async function dispatchAction(
  deps: DispatchDeps,
  action: ClaimedAction,
  callDone: () => void = () => undefined,
): Promise<DispatchOutcome> {
  const startedMs = performance.now();
  try {
    const outcome = await attempt(deps, action, callDone);
    deps.metrics?.outcomes.inc({ queue: action.queue, outcome });
    return outcome;
  } catch (error) {
    const outcome: DispatchOutcome = isLeaseLost(error) ? 'lease_lost' : 'retrying';
    // Recording failed (database down, lease lost): the lease expires and another worker
    // takes the action over, reconciling first. Nothing is lost.
    deps.logger.warn(
      { err: error, actionId: action.id, tenantId: action.tenantId, queue: action.queue },
      'could not record the outcome of an action attempt; its lease will expire',
    );
    deps.metrics?.outcomes.inc({ queue: action.queue, outcome });
    return outcome;
  } finally {
    deps.metrics?.attemptSeconds.observe(
      { queue: action.queue },
      (performance.now() - startedMs) / 1000,
    );
  }
}

/** `callDone` is called once the target has answered (or was never called). */
async function attempt(
  deps: DispatchDeps,
  action: ClaimedAction,
  callDone: () => void,
): Promise<DispatchOutcome> {
  const { breakers } = deps;
  const recordSignal = () => AbortSignal.timeout(deps.recordTimeoutMs);
  const schedule = deps.schedules[action.type]!;
  const type = action.type as TargetActionType;
  const target = deps.targets.targetFor(action.tenantId, type);

  let payload: unknown;
  try {
    payload = parseTargetInput(type, action.payload);
  } catch (error) {
    return fail(deps, callDone, action, undefined, classifyFailure(error));
  }
  if (!target) {
    return fail(deps, callDone, action, payload, {
      retry: Retry.retryable,
      code: 'no_target',
      message: `no target is configured for ${action.type} of this tenant`,
      retryAfterMs: schedule.maxDelayMs,
      countsAgainstTarget: false,
    });
  }
  if (!breakers.tryAcquire(action.queue, action.tenantId)) {
    // Claimed just as the circuit opened: hand it back untried, due when the circuit probes.
    // An action that must be asked about first stays so: the deferral keeps its marker.
    callDone();
    await recordFailure(
      deps.db,
      action,
      undefined,
      {
        error: untriedAttemptError(action, {
          code: 'circuit_open',
          message: 'deferred: the circuit for this integration is open',
        }),
        retryInMs: breakers.retryInMs(action.queue, action.tenantId),
        timeout: false,
        rejected: false,
      },
      recordSignal(),
    );
    return 'deferred';
  }

  // A call must not outlive the lease: past it another worker may take the action over and,
  // reconciling before this call lands, send it again. A quarter of the lease is kept for
  // writing the outcome.
  const callLeaseLeftMs = () => action.leaseDeadlineMs - performance.now() - action.leaseMs / 4;
  const callSignal = () => {
    const leaseLeftMs = callLeaseLeftMs();
    return AbortSignal.any([
      deps.interruptSignal,
      AbortSignal.timeout(
        Math.max(1, Math.floor(Math.min(schedule.attemptTimeoutMs, leaseLeftMs))),
      ),
    ]);
  };
  const context = (signal: AbortSignal) => ({
    tenantId: action.tenantId,
    actionId: action.id,
    idempotencyKey: action.idempotencyKey,
    signal,
  });
  // Set once the request is handed to the target: if this signal fires, the request may be
  // on its way still and can land after our next question (ADR 0019).
  let sendSignal: AbortSignal | undefined;
  try {
    if (mustReconcileFirst(action)) {
      let found: Awaited<ReturnType<typeof target.reconcile>>;
      try {
        found = await target.reconcile(payload as never, context(callSignal()));
      } catch (error) {
        // Could not ask: the earlier attempt's outcome stays unknown, and so must the next.
        return unresolved(deps, callDone, action, payload, error);
      }
      if (found.found) {
        breakers.onSuccess(action.queue, action.tenantId);
        return succeed(deps, callDone, action, payload, found.result);
      }
      if (isConfirmingNoEffect(action.lastError)) {
        // Asked twice, a settling time apart: nothing still in flight has landed. Dead now.
        breakers.onNeutral(action.queue, action.tenantId);
        const reason = reasonBeingConfirmed(action.lastError!);
        return fail(deps, callDone, action, payload, {
          retry: Retry.never,
          code: reason.code,
          message: reason.message,
          retryAfterMs: undefined,
          countsAgainstTarget: false,
        });
      }
      if (action.attempt > action.maxAttempts) {
        // A worker died on every allowed attempt: stop before a crash loop, keep it for an
        // operator — once a second question, later, confirms that nothing took effect.
        breakers.onNeutral(action.queue, action.tenantId);
        return confirmLater(deps, callDone, action, payload, {
          code: 'max_attempts_exceeded',
          message:
            'the attempts ran out with their outcome unknown; reconciliation found no effect',
          retryable: false,
        });
      }
    }
    if (callLeaseLeftMs() < minCallLeaseMs) {
      // A stalled process (or a slow question first) used up the lease: a request sent now
      // could reach the target after another worker took over and asked. Send nothing.
      callDone();
      await handBackAction(deps.db, action, 'waited_too_long', recordSignal());
      return 'deferred';
    }
    sendSignal = callSignal();
    const result = await target.execute(payload as never, context(sendSignal));
    breakers.onSuccess(action.queue, action.tenantId);
    return succeed(deps, callDone, action, payload, result);
  } catch (error) {
    let decision = classifyFailure(error);
    if (deps.interruptSignal.aborted && decision.retry === Retry.never) {
      // Our own shutdown cut the call: not the target's verdict, and possibly sent.
      decision = {
        ...decision,
        retry: Retry.reconcile,
        code: outcomeUnknownCode,
        countsAgainstTarget: false,
      };
    }
    const givingUp = decision.retry === Retry.never || action.attempt >= action.maxAttempts;
    const maySendLate = action.attempt > 1 || decision.code === outcomeUnknownCode;
    if (givingUp && maySendLate && !deps.interruptSignal.aborted) {
      // An attempt may have taken effect (a 5xx after the commit), or may still (a request our
      // timeout cut off, still on its way): ask the target now, and if it knows of nothing,
      // ask again later before declaring the action dead (ADR 0019).
      let found: Awaited<ReturnType<typeof target.reconcile>>;
      try {
        found = await target.reconcile(payload as never, context(callSignal()));
      } catch (reconcileError) {
        // Only a target's "no such effect" lets an action die; a failed question does not.
        return unresolved(deps, callDone, action, payload, reconcileError);
      }
      if (found.found) {
        breakers.onSuccess(action.queue, action.tenantId);
        return succeed(deps, callDone, action, payload, found.result);
      }
      if (decision.countsAgainstTarget) breakers.onFailure(action.queue, action.tenantId);
      else breakers.onNeutral(action.queue, action.tenantId);
      return confirmLater(deps, callDone, action, payload, {
        code: decision.code,
        message: decision.message,
        retryable: false,
      });
    }
    if (decision.countsAgainstTarget) breakers.onFailure(action.queue, action.tenantId);
    else breakers.onNeutral(action.queue, action.tenantId);
    // We cut the request off: it may still land. Asking before it settles could answer "no
    // such effect" and let the resend make a second one at a target that ignores keys.
    const cutOff = sendSignal?.aborted === true && decision.code === outcomeUnknownCode;
    return fail(deps, callDone, action, payload, decision, {
      minRetryInMs: cutOff ? confirmNoEffectAfterMs(schedule) : 0,
    });
  }
}

/** A target's answer that is not a success (rejected order, failed message or print) is final. */
function refusal(result: unknown): ActionError | undefined {
  const answer = result as {
    status?: string;
    reason?: string;
    message?: string;
    error?: ActionError;
  };
  if (answer.status === 'rejected') {
    return {
      code: `order_rejected_${answer.reason ?? 'other'}`,
      message: answer.message ?? 'the POS rejected the order',
      retryable: false,
    };
  }
  if (answer.status === 'failed' && answer.error) return { ...answer.error, retryable: false };
  return undefined;
}

async function succeed(
  deps: DispatchDeps,
  callDone: () => void,
  action: ClaimedAction,
  payload: unknown,
  result: unknown,
): Promise<DispatchOutcome> {
  callDone();
  const refused = refusal(result);
  if (refused) {
    await recordFailure(
      deps.db,
      action,
      payload,
      { error: refused, retryInMs: undefined, result, timeout: false, rejected: true },
      AbortSignal.timeout(deps.recordTimeoutMs),
    );
    return 'dead_letter';
  }
  await deps.successes.record(action, payload, result);
  return 'succeeded';
}

/**
 * The target knows of no effect, but a request sent earlier may still land: wait
 * `confirmNoEffectAfterMs` and ask once more; `reason` is what the action dies of if the
 * second answer is the same. Never gives up here, so it may run past `max_attempts`.
 */
async function confirmLater(
  deps: DispatchDeps,
  callDone: () => void,
  action: ClaimedAction,
  payload: unknown,
  reason: ActionError,
): Promise<DispatchOutcome> {
  callDone();
  await recordFailure(
    deps.db,
    action,
    payload,
    {
      error: confirmingError({ ...reason, message: cleanMessage(reason.message) }),
      retryInMs: confirmNoEffectAfterMs(deps.schedules[action.type]!),
      timeout: reason.code === outcomeUnknownCode,
      rejected: false,
    },
    AbortSignal.timeout(deps.recordTimeoutMs),
  );
  return 'confirming';
}

/**
 * Reconciliation itself failed, so whether an earlier attempt took effect is still unknown:
 * retried as outcome-unknown (the next attempt asks first) even past `maxAttempts`, up to
 * twice that, so an order that exists is not dead-lettered because the question failed.
 */
function unresolved(
  deps: DispatchDeps,
  callDone: () => void,
  action: ClaimedAction,
  payload: unknown,
  error: unknown,
): Promise<DispatchOutcome> {
  const cause = classifyFailure(error);
  if (cause.countsAgainstTarget) deps.breakers.onFailure(action.queue, action.tenantId);
  else deps.breakers.onNeutral(action.queue, action.tenantId);
  return fail(
    deps,
    callDone,
    action,
    payload,
    {
      ...cause,
      retry: Retry.reconcile,
      code: outcomeUnknownCode,
      message: `reconciliation failed, outcome still unknown: ${cause.message}`,
    },
    { giveUpAfter: 2 * action.maxAttempts },
  );
}

async function fail(
  deps: DispatchDeps,
  callDone: () => void,
  action: ClaimedAction,
  payload: unknown,
  decision: FailureDecision,
  {
    giveUpAfter = action.maxAttempts,
    minRetryInMs = 0,
  }: { giveUpAfter?: number; minRetryInMs?: number } = {},
): Promise<DispatchOutcome> {
  callDone();
  const schedule = deps.schedules[action.type]!;
  const giveUp = decision.retry === Retry.never || action.attempt >= giveUpAfter;
  // An interrupted call is retried as soon as it settles by whoever is still running
  // (reconcile first), without the backoff of a failure.
  const interrupted = deps.interruptSignal.aborted && decision.code === outcomeUnknownCode;
  const retryInMs = giveUp
    ? undefined
    : Math.max(
        minRetryInMs,
        interrupted ? 0 : backoffDelayMs(schedule, action.attempt, decision.retryAfterMs),
      );
  const status = await recordFailure(
    deps.db,
    action,
    payload,
    {
      error: {
        code: decision.code,
        message: cleanMessage(decision.message),
        retryable: decision.retry !== Retry.never,
      },
      retryInMs,
      timeout: decision.code === outcomeUnknownCode,
      rejected: false,
    },
    AbortSignal.timeout(deps.recordTimeoutMs),
  );
  return status === 'RETRYING' ? 'retrying' : 'dead_letter';
}

/** Error text for `last_error` and events: non-blank, bounded (the contract's 1,000 chars). */
function cleanMessage(message: string): string {
  const trimmed = message.trim().slice(0, 1000);
  return trimmed === '' ? 'no message' : trimmed;
}
