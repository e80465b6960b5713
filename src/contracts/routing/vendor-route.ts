import { z } from 'zod';
import { Uuid } from '../common/ids.ts';
import { Locale } from '../common/locale.ts';
import { CurrencyCode } from '../common/money.ts';
import { CostPerMinuteMinor, ModelName, ProviderParameters, VendorName } from './model-policy.ts';

/**
 * The vendor router's decision for one session (blueprint §5), as recorded in the session
 * metadata for observability and audit: per stage the candidates in the order they will be
 * tried (primary first, then the mid-call fallbacks) and the candidates left out, with why.
 */

/** Why a policy's candidate was left out of a stage, or moved behind the others. */
export const RouteSkipReason = z.enum([
  /** A kill switch turned the vendor off. */
  'killed',
  /** The platform has no credentials or binary for the vendor. */
  'not_configured',
  /** The model does not serve the session's locale. */
  'locale_unsupported',
  /** Provider health marks it unhealthy (error rate or consecutive failures). */
  'unhealthy',
  /** Its recent first-token p95 is over the stage's latency budget. */
  'over_latency_budget',
  /** Choosing it would push the session's cost per minute over the cap. */
  'over_cost_cap',
]);
export type RouteSkipReason = z.infer<typeof RouteSkipReason>;

const Milliseconds = z.number().int().min(1).max(120_000);

/** A candidate the stage will use, with its timeouts resolved. */
export const RoutedCandidate = z.strictObject({
  vendor: VendorName,
  model: ModelName,
  voice: z.string().min(1).max(128).optional(),
  parameters: ProviderParameters,
  first_token_timeout_ms: Milliseconds,
  cost_per_minute_minor: CostPerMinuteMinor,
  /** Kept as a last resort behind the healthy candidates, for this reason. */
  degraded: z.enum(['unhealthy', 'over_latency_budget']).optional(),
  /** Not from the matched policy: the built-in local provider, added when none of its was usable. */
  builtin: z.literal(true).optional(),
});
export type RoutedCandidate = z.infer<typeof RoutedCandidate>;

export const SkippedCandidate = z.strictObject({
  vendor: VendorName,
  model: ModelName,
  reason: RouteSkipReason,
});
export type SkippedCandidate = z.infer<typeof SkippedCandidate>;

export const StageRoute = z.strictObject({
  /** The primary first, then the fallbacks in order. */
  candidates: z.array(RoutedCandidate).min(1).max(16),
  skipped: z.array(SkippedCandidate).max(16),
  /** Between outputs once a stream has started; a longer stall fails it over too. */
  gap_timeout_ms: Milliseconds,
});
export type StageRoute = z.infer<typeof StageRoute>;

export const VendorRoute = z.strictObject({
  locale: Locale,
  /** The matched `model_policies` row; `null` for the built-in default. */
  policy_id: Uuid.nullable(),
  policy_name: z.string().min(1).max(128),
  asr: StageRoute,
  llm: StageRoute,
  tts: StageRoute,
  /** Sum of the three primaries' prices. */
  cost_per_minute_minor: CostPerMinuteMinor,
  /** The cap that applied (the lower of the policy's and the session's), if any. */
  cost_cap_per_minute_minor: CostPerMinuteMinor.optional(),
  currency: CurrencyCode.optional(),
  /** Time-to-first-audio budget that applied, if any. */
  ttfa_budget_ms: Milliseconds.optional(),
});
export type VendorRoute = z.infer<typeof VendorRoute>;
