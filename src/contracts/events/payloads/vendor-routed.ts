import { z } from 'zod';
import { Locale } from '../../common/locale.ts';

const vendorName = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9_.-]*$/,
    'a provider name is lower-case letters, digits, "-", "_" or "."',
  );
const modelName = z.string().min(1).max(128);

/** A provider and model chosen for one stage of the pipeline. */
export const VendorChoice = z.strictObject({ provider: vendorName, model: modelName });
export type VendorChoice = z.infer<typeof VendorChoice>;

/** The vendor routing layer's decision for a session (§5), recorded for observability and audit. */
export const VendorRoutedPayload = z.strictObject({
  locale: Locale,
  asr: VendorChoice,
  llm: VendorChoice,
  tts: VendorChoice.extend({ voice: z.string().min(1).max(128).nullable() }),
  /** The routing policy that decided; `null` for the built-in default. */
  policy_id: z.string().min(1).max(128).nullable(),
});
export type VendorRoutedPayload = z.infer<typeof VendorRoutedPayload>;
