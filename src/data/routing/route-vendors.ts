/**
 * The vendor routing decision of blueprint §5: from the session's traits, the routing policies,
 * provider health, kill switches and caps → per stage the providers to try in order. Pure and
 * deterministic: the same inputs (and health snapshots) give the same route, so a decision can
 * be explained from the recorded route alone.
 */
import type {
  ModelPolicy,
  NoiseProfile,
  PipelineStage,
  ProviderCandidate,
  RoutedCandidate,
  SkippedCandidate,
  StageRoute,
  TenantTier,
  VendorRoute,
} from '../../contracts/routing/index.ts';
import {
  builtinPolicies,
  defaultFirstTokenTimeoutMs,
  defaultGapTimeoutMs,
  isBuiltinPolicy,
  localCandidates,
  localVendors,
} from './builtin-policies.ts';
import { policyMatches, policyOrder, supportsLocale } from './policy-match.ts';
import type { ProviderHealthView } from './provider-health.ts';
import { NoVendorRouteError } from './route-errors.ts';

export interface RouteVendorsInput {
  tenantTier: TenantTier;
  locale: string;
  /** The sector blueprint, e.g. `horeca`. */
  sector: string;
  noiseProfile?: NoiseProfile;
  /** The session's time-to-first-audio budget (runtime policy); the policy's when lower. */
  latencyBudgetMs?: number;
  /** The tenant's cap; the lower of it and the policy's applies. Same currency as the policy. */
  costCapMinorPerMinute?: number;
  /** `model_policies` rows; disabled ones are ignored. The built-in defaults follow them. */
  policies: readonly ModelPolicy[];
  health: ProviderHealthView;
  /** Kill switch "vendor off", supplied by the caller. */
  disabledVendors?: (vendor: string) => boolean;
  /**
   * Vendors the platform has credentials for. Candidates of configured policies are assumed
   * configured when absent; the built-in cloud candidates are used only when it says so.
   */
  configuredVendors?: (vendor: string) => boolean;
}

export const pipelineStages: readonly PipelineStage[] = ['asr', 'llm', 'tts'];

/**
 * How a time-to-first-audio budget is shared out into per-stage first-token budgets when the
 * policy gives none: §16's 250 / 300 / 250 ms of a 1000 ms TTFA.
 */
const stageShareOfTtfa: Record<PipelineStage, number> = { asr: 0.25, llm: 0.3, tts: 0.25 };

interface StageDraft {
  candidates: RoutedCandidate[];
  skipped: SkippedCandidate[];
  gapTimeoutMs: number;
}

export function routeVendors(input: RouteVendorsInput): VendorRoute {
  const policy =
    [...policyOrder(input.policies), ...builtinPolicies].find((candidate) =>
      policyMatches(candidate, input),
    ) ?? builtinPolicies[builtinPolicies.length - 1]!;
  const builtin = isBuiltinPolicy(policy);
  const ttfaBudgetMs = minDefined(input.latencyBudgetMs, policy.routing.latency_budgets?.ttfa_ms);
  const costCap = minDefined(
    input.costCapMinorPerMinute,
    policy.routing.cost_caps?.max_cost_per_minute_minor,
  );

  const drafts = {} as Record<PipelineStage, StageDraft>;
  for (const stage of pipelineStages) {
    const latencyBudgetMs =
      policy.routing.latency_budgets?.max_first_token_p95_ms?.[stage] ??
      (ttfaBudgetMs === undefined ? undefined : Math.round(ttfaBudgetMs * stageShareOfTtfa[stage]));
    drafts[stage] = draftStage(stage, policy, builtin, latencyBudgetMs, input);
  }
  if (costCap !== undefined) applyCostCap(drafts, costCap);

  const stageRoute = (draft: StageDraft): StageRoute => ({
    candidates: draft.candidates,
    skipped: draft.skipped,
    gap_timeout_ms: draft.gapTimeoutMs,
  });
  const currency = policy.routing.cost_caps?.currency;
  return {
    locale: input.locale,
    policy_id: builtin ? null : policy.id,
    policy_name: policy.name,
    asr: stageRoute(drafts.asr),
    llm: stageRoute(drafts.llm),
    tts: stageRoute(drafts.tts),
    cost_per_minute_minor: primaryCost(drafts),
    ...(costCap === undefined ? {} : { cost_cap_per_minute_minor: costCap }),
    ...(currency === undefined ? {} : { currency }),
    ...(ttfaBudgetMs === undefined ? {} : { ttfa_budget_ms: ttfaBudgetMs }),
  };
}

/**
 * One stage's candidates: killed, unconfigured and wrong-locale ones are dropped; unhealthy and
 * slow ones kept behind the others as a last resort (a degraded vendor beats silence). A stage
 * left empty gets the built-in local provider.
 */
function draftStage(
  stage: PipelineStage,
  policy: ModelPolicy,
  builtin: boolean,
  latencyBudgetMs: number | undefined,
  input: RouteVendorsInput,
): StageDraft {
  const routing = policy.routing[stage];
  const stageTimeoutMs = routing.first_token_timeout_ms ?? defaultFirstTokenTimeoutMs[stage];
  const draft: StageDraft = {
    candidates: [],
    skipped: [],
    gapTimeoutMs: routing.gap_timeout_ms ?? defaultGapTimeoutMs[stage],
  };
  const degraded: RoutedCandidate[] = [];
  const consider = (candidate: ProviderCandidate, isBuiltinFallback: boolean) => {
    const skip = (reason: SkippedCandidate['reason']) =>
      draft.skipped.push({ vendor: candidate.vendor, model: candidate.model, reason });
    const configured = localVendors.has(candidate.vendor)
      ? true
      : builtin || isBuiltinFallback
        ? input.configuredVendors?.(candidate.vendor) === true
        : (input.configuredVendors?.(candidate.vendor) ?? true);
    if (input.disabledVendors?.(candidate.vendor)) return skip('killed');
    if (!configured) return skip('not_configured');
    if (!supportsLocale(candidate.locales, input.locale)) return skip('locale_unsupported');
    const routed: RoutedCandidate = {
      vendor: candidate.vendor,
      model: candidate.model,
      ...(candidate.voice === undefined ? {} : { voice: candidate.voice }),
      parameters: candidate.parameters,
      first_token_timeout_ms: candidate.first_token_timeout_ms ?? stageTimeoutMs,
      cost_per_minute_minor: candidate.cost_per_minute_minor ?? 0,
      ...(isBuiltinFallback ? { builtin: true as const } : {}),
    };
    const health = input.health.snapshot({
      stage,
      vendor: candidate.vendor,
      model: candidate.model,
    });
    if (health.state === 'unhealthy') degraded.push({ ...routed, degraded: 'unhealthy' });
    else if (
      latencyBudgetMs !== undefined &&
      health.firstTokenP95Ms !== undefined &&
      health.firstTokenP95Ms > latencyBudgetMs
    )
      degraded.push({ ...routed, degraded: 'over_latency_budget' });
    else draft.candidates.push(routed);
  };
  for (const candidate of routing.candidates) consider(candidate, false);
  const local = localCandidates[stage];
  if (draft.candidates.length + degraded.length === 0 && !listsVendor(routing.candidates, local)) {
    consider(local, true);
  }
  draft.candidates.push(...degraded);
  if (draft.candidates.length === 0) throw new NoVendorRouteError(stage, input.locale);
  return draft;
}

/**
 * Keeps the primaries' price per minute under the cap: while over it, the most expensive
 * primary that has an alternative is dropped (ties: asr, llm, tts). When nothing cheaper is
 * left the route keeps the cheapest and says so (`cost_per_minute_minor` over the cap): a call
 * with an expensive vendor beats a dropped call. Then fallbacks that would break the cap if
 * they took over are dropped.
 */
function applyCostCap(drafts: Record<PipelineStage, StageDraft>, capMinor: number): void {
  const dropCostly = (draft: StageDraft, candidate: RoutedCandidate) => {
    draft.candidates.splice(draft.candidates.indexOf(candidate), 1);
    draft.skipped.push({
      vendor: candidate.vendor,
      model: candidate.model,
      reason: 'over_cost_cap',
    });
  };
  for (;;) {
    if (primaryCost(drafts) <= capMinor) break;
    const reducible = pipelineStages
      .map((stage) => drafts[stage])
      .filter((draft) => draft.candidates.length > 1 && primaryOf(draft).cost_per_minute_minor > 0)
      .sort((a, b) => primaryOf(b).cost_per_minute_minor - primaryOf(a).cost_per_minute_minor);
    const stage = reducible[0];
    if (!stage) break;
    dropCostly(stage, primaryOf(stage));
  }
  const totalMinor = primaryCost(drafts);
  for (const stage of pipelineStages) {
    const draft = drafts[stage];
    const primary = primaryOf(draft);
    for (const fallback of draft.candidates.slice(1)) {
      const ifFailedOverMinor =
        totalMinor - primary.cost_per_minute_minor + fallback.cost_per_minute_minor;
      if (ifFailedOverMinor > capMinor) dropCostly(draft, fallback);
    }
  }
}

function primaryOf(draft: StageDraft): RoutedCandidate {
  return draft.candidates[0]!;
}

function primaryCost(drafts: Record<PipelineStage, StageDraft>): number {
  // Rounded to a thousandth so float sums of fractional prices compare stably.
  const sum = pipelineStages.reduce(
    (total, stage) => total + primaryOf(drafts[stage]).cost_per_minute_minor,
    0,
  );
  return Math.round(sum * 1000) / 1000;
}

function listsVendor(candidates: readonly ProviderCandidate[], wanted: ProviderCandidate): boolean {
  return candidates.some(
    (candidate) => candidate.vendor === wanted.vendor && candidate.model === wanted.model,
  );
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
