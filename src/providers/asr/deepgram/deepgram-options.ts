import { z } from 'zod';
import { ConfigError } from '../../../platform/errors.ts';

/**
 * Settings of the Deepgram live-streaming adapter. Defaults suit phone calls: nova-3 with keyterm
 * boosting, 300 ms endpointing, KeepAlive within Deepgram's 10 s idle window.
 */
export const DeepgramAsrOptionsSchema = z.object({
  apiKey: z
    .string({ error: 'the Deepgram API key is missing: set DEEPGRAM_API_KEY' })
    .trim()
    .min(1, 'the Deepgram API key is missing: set DEEPGRAM_API_KEY'),
  /** `wss://api.deepgram.com` in production; a fake server's `ws://127.0.0.1:<port>` in tests. */
  baseUrl: z
    .string()
    .regex(/^(wss?|https?):\/\/[^\s]+$/, 'must be a ws://, wss://, http:// or https:// URL')
    .default('wss://api.deepgram.com'),
  model: z.string().min(1).default('nova-3'),
  /** Silence (ms) after which Deepgram marks `speech_final`; false turns endpointing off. */
  endpointingMs: z.union([z.number().int().min(10), z.literal(false)]).default(300),
  /** Ask for `UtteranceEnd` messages (Deepgram's minimum is 1000 ms). */
  utteranceEndMs: z.number().int().min(1000).optional(),
  smartFormat: z.boolean().default(true),
  /** Ask for `SpeechStarted` messages. The adapter ignores them; useful when debugging. */
  vadEvents: z.boolean().default(false),
  /**
   * BCP 47 → Deepgram language code. Tags not listed are sent as their primary subtag ('nl-NL' →
   * 'nl') except English, which keeps its region ('en-US', 'en-GB' are Deepgram codes).
   */
  languageCodes: z.record(z.string(), z.string()).default({}),
  /** Idle audio gap after which a KeepAlive is sent; Deepgram closes (1011) after 10 s. */
  keepAliveIntervalMs: z.number().int().positive().default(4000),
  connectTimeoutMs: z.number().int().positive().default(3000),
  /**
   * Bound on waiting for the `from_finalize` answer to a Finalize. Deepgram sends none when it had
   * no audio left to process, so the final is emitted from what is known when this expires.
   */
  finalizeTimeoutMs: z.number().int().positive().default(800),
  /** Bound on waiting for the server to close after CloseStream; then the socket is dropped. */
  closeTimeoutMs: z.number().int().positive().default(2000),
  /** Unsent audio above which `write` asks the caller to wait (64 KiB ≈ 2 s at 16 kHz). */
  highWaterMarkBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  /** Deepgram accepts up to 100 keyterms/keywords per stream. */
  maxVocabularyTerms: z.number().int().min(0).max(100).default(100),
});

export type DeepgramAsrOptions = z.input<typeof DeepgramAsrOptionsSchema>;
export type DeepgramAsrSettings = z.output<typeof DeepgramAsrOptionsSchema>;

/** Validates the options; a missing key or a bad value is a {@link ConfigError} naming the field. */
export function parseDeepgramAsrOptions(options: DeepgramAsrOptions): DeepgramAsrSettings {
  const parsed = DeepgramAsrOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`,
  );
  throw new ConfigError(`Deepgram ASR options are invalid: ${problems.join('; ')}`, {
    details: { fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
  });
}
