import type { z } from 'zod';

/**
 * Options for cross-field checks (`superRefine`): run them only once every field is valid on
 * its own, so an error names its root cause (a quantity of 0) and not a consequence of it (a
 * line total that no longer adds up).
 */
export const afterFieldsValid: z.core.$ZodSuperRefineParams = {
  when: (payload) => payload.issues.length === 0,
};
