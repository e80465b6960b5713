import { z } from 'zod';
import { ConfigError } from '../../../platform/errors.ts';

/**
 * Settings of the ElevenLabs streaming TTS adapter. Defaults favour latency: the Flash v2.5 model
 * (ElevenLabs' lowest-latency model, 32 languages) and a first-chunk deadline short enough to fail
 * over to another voice before the caller hears dead air.
 */
export const ElevenLabsTtsOptionsSchema = z.object({
  apiKey: z
    .string({ error: 'the ElevenLabs API key is missing: set ELEVENLABS_API_KEY' })
    .trim()
    .min(1, 'the ElevenLabs API key is missing: set ELEVENLABS_API_KEY'),
  /** `https://api.elevenlabs.io` in production; a fake server's `http://127.0.0.1:<port>` in tests. */
  baseUrl: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .default('https://api.elevenlabs.io'),
  modelId: z.string().min(1).default('eleven_flash_v2_5'),
  /** Voice used when the request names none and `voices` has none for its language. */
  defaultVoiceId: z.string().min(1).default('21m00Tcm4TlvDq8ikWAM'),
  /** Voice per language: a BCP 47 tag ('nl-NL') or its primary subtag ('nl'). */
  voices: z.record(z.string(), z.string().min(1)).default({}),
  /** Languages this adapter is offered for (routing reads them). */
  languages: z
    .array(z.string().min(2))
    .min(1)
    .default(['en-US', 'en-GB', 'nl-NL', 'de-DE', 'fr-FR', 'es-ES', 'it-IT']),
  voiceSettings: z
    .object({
      stability: z.number().min(0).max(1).optional(),
      similarity_boost: z.number().min(0).max(1).optional(),
      style: z.number().min(0).max(1).optional(),
      use_speaker_boost: z.boolean().optional(),
      speed: z.number().min(0.7).max(1.2).optional(),
    })
    .optional(),
  /**
   * Send `language_code` so the model does not guess the language from a short sentence. Only the
   * v2.5 models accept it (others answer 4xx), so it is sent for those only.
   */
  enforceLanguage: z.boolean().default(true),
  /** No audio within this → a retryable error, so the router can fail over. @default 1500 */
  firstChunkTimeoutMs: z.number().int().positive().default(1500),
});

export type ElevenLabsTtsOptions = z.input<typeof ElevenLabsTtsOptionsSchema>;
export type ElevenLabsTtsSettings = z.output<typeof ElevenLabsTtsOptionsSchema>;

/** Validates the options; a missing key or a bad value is a {@link ConfigError} naming the field. */
export function parseElevenLabsTtsOptions(options: ElevenLabsTtsOptions): ElevenLabsTtsSettings {
  const parsed = ElevenLabsTtsOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`,
  );
  throw new ConfigError(`ElevenLabs TTS options are invalid: ${problems.join('; ')}`, {
    details: { fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
  });
}
