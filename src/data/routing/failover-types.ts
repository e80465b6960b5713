import type { PipelineStage, RoutedCandidate, StageRoute } from '../../contracts/routing/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ProviderFailureKind, ProviderHealth } from './provider-health.ts';
import type { ProviderRef } from './provider-ref.ts';
import type { Timers } from './timers.ts';

/** One provider instance a failover wrapper may use, with its routed timeout. */
export interface FailoverCandidate<Provider> {
  ref: ProviderRef;
  provider: Provider;
  /** First partial (ASR), first chunk (TTS), or the decision (LLM) must come within this. */
  firstTokenTimeoutMs: number;
}

/** A provider was abandoned mid-call; `to` is undefined when none was left. */
export interface FailoverEvent {
  stage: PipelineStage;
  from: ProviderRef;
  to: ProviderRef | undefined;
  reason: ProviderFailureKind;
  error?: unknown;
}

export interface FailoverOptions<Provider> {
  /** Primary first; at least one. */
  candidates: readonly FailoverCandidate<Provider>[];
  /** A stall between outputs after the first one (TTS chunks; ASR: flush → final). */
  gapTimeoutMs: number;
  /** Failures are recorded here; successes with their first-output latency. */
  health?: Pick<ProviderHealth, 'recordSuccess' | 'recordFailure'>;
  /** For the orchestrator's `VendorFailover` event and counter. */
  onFailover?: (event: FailoverEvent) => void;
  timers?: Timers;
  clock?: Clock;
}

/**
 * The failover candidates of a routed stage, in route order, from the provider instances the
 * composition root has for each vendor/model (`resolve` returns undefined when it has none:
 * that candidate is left out).
 */
export function failoverCandidates<Provider>(
  stage: PipelineStage,
  route: StageRoute,
  resolve: (candidate: RoutedCandidate) => Provider | undefined,
): FailoverCandidate<Provider>[] {
  return route.candidates.flatMap((candidate) => {
    const provider = resolve(candidate);
    return provider === undefined
      ? []
      : [
          {
            ref: { stage, vendor: candidate.vendor, model: candidate.model },
            provider,
            firstTokenTimeoutMs: candidate.first_token_timeout_ms,
          },
        ];
  });
}
