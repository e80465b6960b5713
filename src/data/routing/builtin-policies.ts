/**
 * The routing used when no `model_policies` row matches: local providers for everyone, and for
 * premium tiers cloud vendors first — but only those the platform has credentials for (the
 * caller's `configuredVendors`), so a fresh install routes to what runs offline.
 */
import type {
  ModelPolicy,
  PipelineStage,
  ProviderCandidate,
} from '../../contracts/routing/index.ts';

/** Vendors that run on this machine and need no credentials. */
export const localVendors: ReadonlySet<string> = new Set(['pocketsphinx', 'rules', 'espeak-ng']);

/** The local provider of each stage: the last resort when a policy leaves a stage empty. */
export const localCandidates: Record<PipelineStage, ProviderCandidate> = {
  // The acoustic model is English only (hub4wsj_sc_8k); a Dutch call needs a cloud recogniser.
  asr: { vendor: 'pocketsphinx', model: 'hub4wsj_sc_8k', locales: ['en'], parameters: {} },
  llm: { vendor: 'rules', model: 'menu-grounded', parameters: {} },
  tts: { vendor: 'espeak-ng', model: 'espeak-ng', locales: ['en', 'nl'], parameters: {} },
};

/**
 * Platform defaults per stage (ms). First-token budgets of §16 are p95 targets (ASR partial 250,
 * LLM first token 300, TTS first chunk 250); the timeouts sit well above them so that a slow but
 * working vendor is not abandoned, while a dead one is replaced before the caller notices.
 */
export const defaultFirstTokenTimeoutMs: Record<PipelineStage, number> = {
  asr: 1000,
  llm: 1500,
  tts: 800,
};
/**
 * Stalls after the first output: between TTS chunks; from an ASR flush to its final; for the LLM
 * the rest of the decision after the first token (the wrapper bounds the whole decision).
 */
export const defaultGapTimeoutMs: Record<PipelineStage, number> = {
  asr: 2000,
  llm: 1000,
  tts: 2000,
};

/** Indicative list prices (EUR cents per minute), only compared against cost caps. */
const cloudCandidates: Record<PipelineStage, ProviderCandidate> = {
  asr: { vendor: 'deepgram', model: 'nova-3', parameters: {}, cost_per_minute_minor: 0.43 },
  llm: {
    vendor: 'openai-compatible',
    model: 'default',
    parameters: {},
    cost_per_minute_minor: 0.5,
  },
  tts: { vendor: 'cartesia', model: 'sonic-2', parameters: {}, cost_per_minute_minor: 4 },
};

const builtinPremium: ModelPolicy = {
  id: '00000000-0000-4000-8000-00000000b001',
  name: 'builtin-premium-cloud-first',
  priority: Number.MAX_SAFE_INTEGER - 1,
  match: { tiers: ['premium', 'enterprise'] },
  routing: {
    asr: { candidates: [cloudCandidates.asr, localCandidates.asr] },
    llm: { candidates: [cloudCandidates.llm, localCandidates.llm] },
    tts: { candidates: [cloudCandidates.tts, localCandidates.tts] },
  },
  enabled: true,
};

const builtinLocal: ModelPolicy = {
  id: '00000000-0000-4000-8000-00000000b002',
  name: 'builtin-local',
  priority: Number.MAX_SAFE_INTEGER,
  match: {},
  routing: {
    asr: { candidates: [localCandidates.asr] },
    llm: { candidates: [localCandidates.llm] },
    tts: { candidates: [localCandidates.tts] },
  },
  enabled: true,
};

/** Tried after every configured policy, in this order; `builtinLocal` matches everything. */
export const builtinPolicies: readonly ModelPolicy[] = [builtinPremium, builtinLocal];

export function isBuiltinPolicy(policy: ModelPolicy): boolean {
  return builtinPolicies.includes(policy);
}
