import { z } from 'zod';
import { ErrorDetail } from '../common/error-detail.ts';

/** A failed attempt of an action, with the retry decision the error carried. */
export const ActionError = ErrorDetail.extend({
  /** Whether a later attempt may succeed (timeout, 5xx, offline printer), unlike a rejection. */
  retryable: z.boolean(),
});
export type ActionError = z.infer<typeof ActionError>;
