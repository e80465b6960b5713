import { z } from 'zod';

/**
 * A phone number in E.164 form: `+`, country code, subscriber number, 7 to 15 digits and
 * nothing else (`+31612345678`). The data plane normalises what the caller said or the caller
 * id into this form before it reaches a contract.
 */
export const E164Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form such as +31612345678');
export type E164Phone = z.infer<typeof E164Phone>;
