import { z } from 'zod';
import { Uuid } from '../common/ids.ts';
import { Locale } from '../common/locale.ts';
import { CurrencyCode, NonNegativeMinorAmount } from '../common/money.ts';

/**
 * A model routing policy v1 as stored in the `model_policies` table (blueprint §5): which
 * sessions it applies to (`match`) and, per pipeline stage, the ordered provider candidates with
 * the cost caps and latency budgets the router and the failover wrappers enforce.
 */

/** The tenant tiers of the `tenants.tier` column. */
export const TenantTier = z.enum(['trial', 'standard', 'premium', 'enterprise']);
export type TenantTier = z.infer<typeof TenantTier>;

/** A sector blueprint name (`tenants.sector`, `blueprints.sector`): `horeca`, `healthcare`, … */
export const SectorName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'a sector is lower-case letters, digits, "-" or "_"');
export type SectorName = z.infer<typeof SectorName>;

/** How noisy the caller's line is expected to be (a location setting or a measured estimate). */
export const NoiseProfile = z.enum(['quiet', 'moderate', 'noisy']);
export type NoiseProfile = z.infer<typeof NoiseProfile>;

/** The streaming stages a vendor is routed for. */
export const PipelineStage = z.enum(['asr', 'llm', 'tts']);
export type PipelineStage = z.infer<typeof PipelineStage>;

/** A vendor as named in routing, health metrics and the `VendorRouted` event: `deepgram`. */
export const VendorName = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9_.-]*$/,
    'a provider name is lower-case letters, digits, "-", "_" or "."',
  );
export type VendorName = z.infer<typeof VendorName>;

export const ModelName = z.string().min(1).max(128);
export type ModelName = z.infer<typeof ModelName>;

/**
 * Vendor-specific knobs handed to the adapter as they are (temperature, endpointing, speed).
 * Scalars only, so a policy stays diffable and its JSON Schema exact.
 */
export const ProviderParameters = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a parameter name is snake_case'),
  z.union([z.string().max(512), z.number(), z.boolean()]),
);
export type ProviderParameters = z.infer<typeof ProviderParameters>;

/**
 * A vendor price per minute of audio (or of session time for an LLM), in the currency's minor
 * units. Fractions are allowed: cloud prices are often below one cent a minute, and the value
 * only ever compares against a cap; it is never booked.
 */
export const CostPerMinuteMinor = z.number().min(0).max(100_000);

/** A timeout or budget in milliseconds. */
const Milliseconds = z.number().int().min(1).max(120_000);

/** One provider the stage may use, in the order the policy lists them. */
export const ProviderCandidate = z.strictObject({
  vendor: VendorName,
  model: ModelName,
  /** TTS only: the vendor's voice id; the provider's default for the locale when absent. */
  voice: z.string().min(1).max(128).optional(),
  parameters: ProviderParameters.default({}),
  /**
   * Locales the model serves; a language without region (`nl`) covers every region. Absent
   * means every locale (a multilingual model).
   */
  locales: z.array(Locale).min(1).max(64).optional(),
  /** Expected price, compared against the policy's cost cap; absent means free (local). */
  cost_per_minute_minor: CostPerMinuteMinor.optional(),
  /** Overrides the stage's first-token timeout for this candidate (a slow but good model). */
  first_token_timeout_ms: Milliseconds.optional(),
});
export type ProviderCandidate = z.infer<typeof ProviderCandidate>;

/**
 * One stage's routing: candidates in preference order (the first usable one is the primary, the
 * rest are the mid-call fallbacks) and the timeouts after which a silent provider is replaced.
 */
export const StageRouting = z.strictObject({
  candidates: z.array(ProviderCandidate).min(1).max(8),
  /**
   * How long the provider may take to produce its first output — first partial after speech
   * audio (ASR), first token (LLM), first audio chunk (TTS) — before it is abandoned for the next
   * candidate. Absent: the platform default for the stage.
   */
  first_token_timeout_ms: Milliseconds.optional(),
  /** How long a stream may stall between outputs once it has started. Absent: the default. */
  gap_timeout_ms: Milliseconds.optional(),
});
export type StageRouting = z.infer<typeof StageRouting>;

/** Spending limits; candidates priced above them are skipped when routing. */
export const CostCaps = z.strictObject({
  currency: CurrencyCode,
  /** Cap on the sum of the chosen ASR, LLM and TTS primaries' prices per minute. */
  max_cost_per_minute_minor: CostPerMinuteMinor.optional(),
  /** Cap on one call's provider cost; the session manager enforces it as the call runs. */
  max_cost_per_call_minor: NonNegativeMinorAmount.optional(),
});
export type CostCaps = z.infer<typeof CostCaps>;

/** Latency targets (§16); the per-stage first-token timeouts live on each stage. */
export const LatencyBudgets = z.strictObject({
  /** Time to first agent audio after the caller's turn ends (§16: p95 ≤ 1000 ms). */
  ttfa_ms: Milliseconds.optional(),
  /** Candidates whose recent p95 first-token latency exceeds this are skipped. */
  max_first_token_p95_ms: z
    .strictObject({
      asr: Milliseconds.optional(),
      llm: Milliseconds.optional(),
      tts: Milliseconds.optional(),
    })
    .optional(),
});
export type LatencyBudgets = z.infer<typeof LatencyBudgets>;

/** The `model_policies.routing` column. */
export const PolicyRouting = z.strictObject({
  asr: StageRouting,
  llm: StageRouting,
  tts: StageRouting,
  cost_caps: CostCaps.optional(),
  latency_budgets: LatencyBudgets.optional(),
});
export type PolicyRouting = z.infer<typeof PolicyRouting>;

/**
 * The `model_policies.match` column: every listed criterion must hold (any of its values); an
 * absent criterion matches everything, so `{}` matches every session.
 */
export const PolicyMatch = z.strictObject({
  tiers: z.array(TenantTier).min(1).optional(),
  /** `nl` matches every Dutch locale, `nl-BE` only Belgian Dutch. */
  locales: z.array(Locale).min(1).max(64).optional(),
  sectors: z.array(SectorName).min(1).max(16).optional(),
  noise_profiles: z.array(NoiseProfile).min(1).optional(),
});
export type PolicyMatch = z.infer<typeof PolicyMatch>;

/**
 * A `model_policies` row (without `updated_at`). Policies are tried by ascending `priority`
 * (then `name`); the first enabled one whose `match` holds decides the session's routing.
 */
export const ModelPolicy = z.strictObject({
  id: Uuid,
  name: z.string().min(1).max(128),
  priority: z.number().int().min(-1_000_000).max(1_000_000).default(100),
  match: PolicyMatch.default({}),
  routing: PolicyRouting,
  enabled: z.boolean().default(true),
});
export type ModelPolicy = z.infer<typeof ModelPolicy>;
export type ModelPolicyInput = z.input<typeof ModelPolicy>;
