import type { Database } from '../../platform/db/database.ts';
import type { HandBackReason } from './claim-ahead.ts';
import { untriedAttemptError, type ClaimedAction } from './claimed-action.ts';
import { recordFailure } from './record-outcome.ts';

/** `last_error.code` of an action claimed ahead and given back before its call started. */
export const notStartedCode = 'not_started';

const why: Record<HandBackReason, string> = {
  stopping: 'the dispatcher stopped before its call started',
  paused: "the tenant's integration was switched off before its call started",
  waited_too_long: 'it waited for a slot until its lease could no longer hold the call',
};

/**
 * Gives back an action claimed ahead and never started (ADR 0016): DISPATCHED → FAILED →
 * RETRYING, due at once, with both ActionStateChanged events, under the lease guard. It is
 * never dead-lettered here, whatever its attempt count: only a call's own failure can do that.
 * Nothing was sent by this attempt, but an earlier attempt's outcome may still be unknown: then
 * the code stays `outcome_unknown` (or `confirming_no_effect`), so the next attempt still
 * reconciles before it sends.
 */
export async function handBackAction(
  db: Database,
  action: ClaimedAction,
  reason: HandBackReason,
  signal: AbortSignal,
): Promise<void> {
  await recordFailure(
    db,
    action,
    undefined,
    {
      error: untriedAttemptError(action, {
        code: notStartedCode,
        message: `claimed ahead and handed back unstarted: ${why[reason]}`,
      }),
      retryInMs: 0,
      timeout: false,
      rejected: false,
    },
    signal,
  );
}
