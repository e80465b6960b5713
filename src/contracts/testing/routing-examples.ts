import type { ModelPolicyInput } from '../routing/model-policy.ts';
import { exampleUuid } from './ids.ts';

/** A valid premium-tier policy: cloud first, local fallbacks, a cost cap and latency budgets. */
export const examplePremiumPolicy: ModelPolicyInput = {
  id: exampleUuid(101),
  name: 'premium-cloud-first',
  priority: 10,
  match: { tiers: ['premium', 'enterprise'], locales: ['en', 'nl'], sectors: ['horeca'] },
  routing: {
    asr: {
      candidates: [
        {
          vendor: 'deepgram',
          model: 'nova-3',
          parameters: { endpointing_ms: 300 },
          cost_per_minute_minor: 0.43,
        },
        { vendor: 'pocketsphinx', model: 'en-us-8k', locales: ['en'] },
      ],
      first_token_timeout_ms: 1000,
      gap_timeout_ms: 3000,
    },
    llm: {
      candidates: [
        {
          vendor: 'openai-compatible',
          model: 'gpt-4o-mini',
          parameters: { temperature: 0.2 },
          cost_per_minute_minor: 1,
        },
        { vendor: 'rules', model: 'dialogue-manager-v1' },
      ],
      first_token_timeout_ms: 1500,
    },
    tts: {
      candidates: [
        { vendor: 'cartesia', model: 'sonic-2', voice: 'warm-en', cost_per_minute_minor: 3 },
        { vendor: 'espeak-ng', model: 'espeak-ng', locales: ['en', 'nl'] },
      ],
      first_token_timeout_ms: 800,
    },
    cost_caps: { currency: 'EUR', max_cost_per_minute_minor: 6, max_cost_per_call_minor: 100 },
    latency_budgets: { ttfa_ms: 1000, max_first_token_p95_ms: { llm: 600 } },
  },
};
