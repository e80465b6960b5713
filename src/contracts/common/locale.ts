import { z } from 'zod';

/** A BCP 47 language tag limited to language and region, as `voxeron.menu/v1` uses: `nl-NL`. */
export const Locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a locale such as en-US or nl-NL');
export type Locale = z.infer<typeof Locale>;
