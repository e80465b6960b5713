import { z } from 'zod';
import { nonBlankText } from '../../common/text.ts';
import { IsoDateTime } from '../../common/time.ts';
import { afterFieldsValid } from '../../common/refine.ts';

/** The human fallback modes of §7.2. */
export const EscalationMode = z.enum(['cold', 'warm', 'callback']);
export type EscalationMode = z.infer<typeof EscalationMode>;

/** The fallback triggers of §7.2, plus the caller asking for a person. */
export const EscalationReason = z.enum([
  'low_confidence',
  'repair_limit',
  'tool_error',
  'integration_error',
  'latency_budget',
  'caller_request',
  'policy',
]);
export type EscalationReason = z.infer<typeof EscalationReason>;

/** The call was handed to a person: transferred (cold or warm) or a callback was scheduled. */
export const HumanEscalatedPayload = z
  .strictObject({
    mode: EscalationMode,
    reason: EscalationReason,
    /** What the agent had understood so far, as told to the person taking over. */
    summary: nonBlankText(2000),
    /** When the restaurant should call back; set for `callback` only, `null` for as soon as possible. */
    callback_at: IsoDateTime.nullable(),
  })
  .superRefine((payload, ctx) => {
    if (payload.mode !== 'callback' && payload.callback_at !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['callback_at'],
        message: 'callback_at is set only for a callback',
      });
    }
  }, afterFieldsValid);
export type HumanEscalatedPayload = z.infer<typeof HumanEscalatedPayload>;
