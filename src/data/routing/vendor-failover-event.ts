/**
 * The `VendorFailover` v1 event payload of a failover the wrappers reported: which stage moved
 * from which vendor to which, why, the vendor's error with credentials blanked, and when in the
 * call (the dialogue's turn count and the time since the session opened).
 */
import { VendorFailoverPayload } from '../../contracts/events/index.ts';
import { errorMessage } from '../../platform/errors.ts';
import type { FailoverEvent } from './failover-types.ts';
import type { ProviderRef } from './provider-ref.ts';
import { redactSecrets } from './redact-secrets.ts';

/** Where in the call a failover happened. */
export interface FailoverMoment {
  /** Caller turns the dialogue had taken. */
  turn: number;
  /** Since the session opened. */
  elapsedMs: number;
}

const choice = (ref: ProviderRef) => ({ provider: ref.vendor, model: ref.model });

const clamp = (value: number, max: number) =>
  Math.min(Math.max(0, Math.round(Number.isFinite(value) ? value : 0)), max);

/** Throws a `ZodError` for a vendor or model name the contract does not allow. */
export function vendorFailoverPayload(
  event: FailoverEvent,
  at: FailoverMoment,
  secrets: readonly string[] = [],
): VendorFailoverPayload {
  return VendorFailoverPayload.parse({
    stage: event.stage,
    from: choice(event.from),
    to: event.to ? choice(event.to) : null,
    reason: event.reason,
    error: event.error === undefined ? null : redactSecrets(errorMessage(event.error), secrets),
    turn: clamp(at.turn, 10_000),
    elapsed_ms: clamp(at.elapsedMs, 86_400_000),
  });
}
