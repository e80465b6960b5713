import { z } from 'zod';
import { IdempotencyKey, OrderReference } from '../common/ids.ts';
import { Locale } from '../common/locale.ts';
import { E164Phone } from '../common/phone.ts';
import { nonBlankText } from '../common/text.ts';

/** Channels a confirmation can go out on. v1 has SMS only. */
export const MessageChannel = z.enum(['sms']);
export type MessageChannel = z.infer<typeof MessageChannel>;

/**
 * `send_confirmation_message` input: the text the caller receives after the order is created.
 * The body is rendered by the data plane in `locale`; 1,600 characters is ten SMS segments,
 * the most providers concatenate.
 */
export const ConfirmationMessage = z.strictObject({
  to: E164Phone,
  channel: MessageChannel,
  body: nonBlankText(1600),
  locale: Locale,
  order_reference: OrderReference,
  /** Sent to the provider where it supports one, and checked by the dispatcher before a resend. */
  idempotency_key: IdempotencyKey,
});
export type ConfirmationMessage = z.infer<typeof ConfirmationMessage>;
