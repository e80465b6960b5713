import { z } from 'zod';

/**
 * Free text that must say something: at least one non-space character, at most `maxChars`.
 * Contracts validate and never rewrite, so surrounding spaces are the producer's to trim.
 */
export function nonBlankText(maxChars: number) {
  return z.string().max(maxChars).regex(/\S/, 'must not be blank');
}
