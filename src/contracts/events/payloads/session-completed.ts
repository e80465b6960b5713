import { z } from 'zod';
import { OrderReference } from '../../common/ids.ts';

/** How a call ended; the completion and escalation rates of §16 count these. */
export const SessionOutcome = z.enum([
  'order_created',
  'escalated',
  'no_order',
  'ended_by_agent',
  'caller_hung_up',
  'failed',
]);
export type SessionOutcome = z.infer<typeof SessionOutcome>;

/** A call ended. */
export const SessionCompletedPayload = z.strictObject({
  outcome: SessionOutcome,
  /** Caller turns taken. */
  turns: z.number().int().min(0).max(10_000),
  /** Repair prompts the agent needed (asking again, clarifying). */
  repairs: z.number().int().min(0).max(10_000),
  /** From answer to hang-up, in milliseconds. */
  duration_ms: z.number().int().min(0).max(86_400_000),
  /** The order the call produced, if any. */
  order_reference: OrderReference.nullable(),
});
export type SessionCompletedPayload = z.infer<typeof SessionCompletedPayload>;
