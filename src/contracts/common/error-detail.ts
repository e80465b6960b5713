import { z } from 'zod';
import { nonBlankText } from './text.ts';

/**
 * A failure as contracts report it: a stable machine `code` (snake_case) to branch on, and a
 * `message` for operators. Messages carry no personal data (names, phones, addresses).
 */
export const ErrorDetail = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'an error code is snake_case'),
  message: nonBlankText(1000),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;
