import { z } from 'zod';
import { ErrorDetail } from '../common/error-detail.ts';

const providerMessageId = z.string().min(1).max(128);

/**
 * `send_confirmation_message` output: the provider's answer. `queued`/`sent`/`delivered` as the
 * provider reports at the time of the call (later delivery receipts arrive by webhook).
 */
export const MessageResult = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.enum(['queued', 'sent', 'delivered']),
    provider_message_id: providerMessageId,
  }),
  z.strictObject({
    status: z.literal('failed'),
    /** `null` when the provider refused the message before assigning an id. */
    provider_message_id: providerMessageId.nullable(),
    error: ErrorDetail,
  }),
]);
export type MessageResult = z.infer<typeof MessageResult>;
