import { z } from 'zod';
import { PipelineStage } from '../../routing/model-policy.ts';
import { VendorChoice } from './vendor-routed.ts';

/**
 * Why a vendor was abandoned mid-call. `first_token_timeout`: no first partial, token or audio
 * chunk in time; `gap_timeout`: it stalled after that; `error`: it reported an error or failed
 * to open; `closed`: it ended its stream without being asked to; `empty`: it finished without
 * any output for words to say.
 */
export const VendorFailoverReason = z.enum([
  'first_token_timeout',
  'gap_timeout',
  'error',
  'closed',
  'empty',
]);
export type VendorFailoverReason = z.infer<typeof VendorFailoverReason>;

/**
 * A provider failed mid-call and the pipeline moved to the next routed one (blueprint §5), for
 * observability and audit. The call is the envelope's `session_id`.
 */
export const VendorFailoverPayload = z.strictObject({
  stage: PipelineStage,
  from: VendorChoice,
  /** The vendor that took over; `null` when none was left (the stage failed for good). */
  to: VendorChoice.nullable(),
  reason: VendorFailoverReason,
  /** The vendor's error message with credentials redacted; `null` for a timeout. */
  error: z.string().max(500).nullable(),
  /** Caller turns the dialogue had taken: 0 during the greeting and the caller's first answer. */
  turn: z.number().int().min(0).max(10_000),
  /** Since the session opened, in milliseconds. */
  elapsed_ms: z.number().int().min(0).max(86_400_000),
});
export type VendorFailoverPayload = z.infer<typeof VendorFailoverPayload>;
