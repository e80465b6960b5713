import { z } from 'zod';
import { E164Phone } from '../common/phone.ts';
import { nonBlankText } from '../common/text.ts';

/** The caller as the order records them. Personal data: log only in redacted fields. */
export const Customer = z.strictObject({
  name: nonBlankText(120),
  phone: E164Phone,
});
export type Customer = z.infer<typeof Customer>;
