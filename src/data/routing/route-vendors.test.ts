import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelPolicy, VendorRoute, type ModelPolicyInput } from '../../contracts/routing/index.ts';
import { examplePremiumPolicy } from '../../contracts/testing/index.ts';
import { NoVendorRouteError } from './route-errors.ts';
import { routeVendors, type RouteVendorsInput } from './route-vendors.ts';
import { ScriptedHealth } from './testing/scripted-health.ts';

const premium = ModelPolicy.parse(examplePremiumPolicy);

function policy(input: Partial<ModelPolicyInput> & { name: string }): ModelPolicy {
  return ModelPolicy.parse({ ...structuredClone(examplePremiumPolicy), ...input });
}

function route(overrides: Partial<RouteVendorsInput> = {}) {
  const decided = routeVendors({
    tenantTier: 'premium',
    locale: 'en-US',
    sector: 'horeca',
    policies: [premium],
    health: new ScriptedHealth(),
    ...overrides,
  });
  // Every decision is a valid contract: it goes into the session metadata as is.
  VendorRoute.parse(decided);
  return decided;
}

const vendors = (stage: { candidates: { vendor: string }[] }) =>
  stage.candidates.map((candidate) => candidate.vendor);

void describe('routeVendors', () => {
  void it('takes the matching policy: primary first, then the fallbacks, timeouts resolved', () => {
    const decided = route();
    assert.equal(decided.policy_id, premium.id);
    assert.equal(decided.policy_name, 'premium-cloud-first');
    assert.deepEqual(vendors(decided.asr), ['deepgram', 'pocketsphinx']);
    assert.deepEqual(vendors(decided.llm), ['openai-compatible', 'rules']);
    assert.deepEqual(vendors(decided.tts), ['cartesia', 'espeak-ng']);
    assert.equal(decided.asr.candidates[0]?.first_token_timeout_ms, 1000);
    assert.equal(decided.asr.gap_timeout_ms, 3000);
    assert.equal(decided.tts.candidates[0]?.voice, 'warm-en');
    assert.deepEqual(decided.asr.candidates[0]?.parameters, { endpointing_ms: 300 });
    assert.equal(decided.cost_per_minute_minor, 4.43);
    assert.equal(decided.ttfa_budget_ms, 1000);
  });

  void it('falls through to the built-in local policy for a tier the policy does not match', () => {
    const decided = route({ tenantTier: 'standard' });
    assert.equal(decided.policy_id, null);
    assert.equal(decided.policy_name, 'builtin-local');
    assert.deepEqual(vendors(decided.asr), ['pocketsphinx']);
    assert.deepEqual(vendors(decided.llm), ['rules']);
    assert.deepEqual(vendors(decided.tts), ['espeak-ng']);
    assert.equal(decided.cost_per_minute_minor, 0);
  });

  void it('built-in premium: cloud first only for vendors with credentials', () => {
    const none = route({ policies: [] });
    assert.equal(none.policy_name, 'builtin-premium-cloud-first');
    assert.deepEqual(vendors(none.asr), ['pocketsphinx']);
    assert.deepEqual(none.asr.skipped, [
      { vendor: 'deepgram', model: 'nova-3', reason: 'not_configured' },
    ]);
    const deepgram = route({ policies: [], configuredVendors: (vendor) => vendor === 'deepgram' });
    assert.deepEqual(vendors(deepgram.asr), ['deepgram', 'pocketsphinx']);
    assert.deepEqual(vendors(deepgram.tts), ['espeak-ng']);
  });

  void it('orders policies by priority, then name, and ignores disabled ones', () => {
    const narrow = policy({ name: 'b-noisy', priority: 5, match: { noise_profiles: ['noisy'] } });
    const off = policy({ name: 'a-off', priority: 1, enabled: false });
    const tie = policy({ name: 'a-tie', priority: 10 });
    assert.equal(route({ policies: [premium, narrow, off] }).policy_name, 'premium-cloud-first');
    assert.equal(
      route({ policies: [premium, narrow], noiseProfile: 'noisy' }).policy_name,
      'b-noisy',
    );
    assert.equal(route({ policies: [premium, tie] }).policy_name, 'a-tie');
    assert.equal(route({ policies: [tie, premium] }).policy_name, 'a-tie');
  });

  void it('matches locales by language or exact region, and sectors', () => {
    assert.equal(route({ locale: 'nl-BE' }).policy_name, 'premium-cloud-first');
    assert.equal(
      route({ locale: 'de-DE', configuredVendors: () => true }).policy_name,
      'builtin-premium-cloud-first',
    );
    assert.equal(route({ sector: 'healthcare' }).policy_name, 'builtin-premium-cloud-first');
    const belgian = policy({ name: 'be', priority: 1, match: { locales: ['nl-BE'] } });
    assert.equal(
      route({ policies: [belgian], locale: 'nl-NL', configuredVendors: () => true }).policy_name,
      'builtin-premium-cloud-first',
    );
    assert.equal(route({ policies: [belgian], locale: 'nl-BE' }).policy_name, 'be');
  });

  void it('skips a model that does not serve the locale', () => {
    const decided = route({ locale: 'nl-NL' });
    assert.deepEqual(vendors(decided.asr), ['deepgram']);
    assert.deepEqual(decided.asr.skipped, [
      { vendor: 'pocketsphinx', model: 'en-us-8k', reason: 'locale_unsupported' },
    ]);
  });

  void it('a killed vendor is skipped; a stage left empty gets the local provider', () => {
    const decided = route({ disabledVendors: (vendor) => vendor === 'cartesia' });
    assert.deepEqual(vendors(decided.tts), ['espeak-ng']);
    assert.deepEqual(decided.tts.skipped, [
      { vendor: 'cartesia', model: 'sonic-2', reason: 'killed' },
    ]);
    const onlyCloud = structuredClone(examplePremiumPolicy);
    onlyCloud.routing.llm.candidates = [onlyCloud.routing.llm.candidates[0]!];
    const killed = route({
      policies: [ModelPolicy.parse(onlyCloud)],
      disabledVendors: (vendor) => vendor === 'openai-compatible',
    });
    assert.deepEqual(vendors(killed.llm), ['rules']);
    assert.equal(killed.llm.candidates[0]?.builtin, true);
    assert.equal(killed.llm.candidates[0]?.first_token_timeout_ms, 1500);
  });

  void it('throws NoVendorRouteError when nothing can serve a stage', () => {
    assert.throws(
      () => route({ locale: 'nl-NL', disabledVendors: (vendor) => vendor === 'deepgram' }),
      (error: unknown) => error instanceof NoVendorRouteError && error.stage === 'asr',
    );
  });

  void it('moves an unhealthy or slow candidate behind the healthy ones', () => {
    const health = new ScriptedHealth()
      .set('asr:deepgram/nova-3', { state: 'unhealthy', errorRate: 0.8 })
      .set('llm:openai-compatible/gpt-4o-mini', { firstTokenP95Ms: 900 });
    const decided = route({ health });
    assert.deepEqual(vendors(decided.asr), ['pocketsphinx', 'deepgram']);
    assert.equal(decided.asr.candidates[1]?.degraded, 'unhealthy');
    // The policy's LLM budget is 600 ms p95.
    assert.deepEqual(vendors(decided.llm), ['rules', 'openai-compatible']);
    assert.equal(decided.llm.candidates[1]?.degraded, 'over_latency_budget');
    // Probing (after the cooldown) routes normally: the call is the probe.
    const probing = new ScriptedHealth().set('asr:deepgram/nova-3', { state: 'probing' });
    assert.deepEqual(vendors(route({ health: probing }).asr), ['deepgram', 'pocketsphinx']);
  });

  void it('shares a session TTFA budget out into stage budgets when the policy gives none', () => {
    const health = new ScriptedHealth().set('tts:cartesia/sonic-2', { firstTokenP95Ms: 300 });
    // The policy's ttfa is 1000 ms → TTS 250 ms; a session budget of 2000 ms does not raise it.
    assert.deepEqual(vendors(route({ health, latencyBudgetMs: 2000 }).tts), [
      'espeak-ng',
      'cartesia',
    ]);
    const noBudgets = structuredClone(examplePremiumPolicy);
    delete noBudgets.routing.latency_budgets;
    const relaxed = route({ health, policies: [ModelPolicy.parse(noBudgets)] });
    assert.deepEqual(vendors(relaxed.tts), ['cartesia', 'espeak-ng']);
    const tight = route({
      health,
      policies: [ModelPolicy.parse(noBudgets)],
      latencyBudgetMs: 1000,
    });
    assert.deepEqual(vendors(tight.tts), ['espeak-ng', 'cartesia']);
  });

  void it('drops the most expensive primaries until the cost cap holds', () => {
    // Primaries cost 0.43 + 1 + 3 = 4.43; a cap of 2 drops cartesia (3), leaving 1.43.
    const decided = route({ costCapMinorPerMinute: 2 });
    assert.equal(decided.cost_cap_per_minute_minor, 2);
    assert.deepEqual(vendors(decided.tts), ['espeak-ng']);
    assert.deepEqual(decided.tts.skipped, [
      { vendor: 'cartesia', model: 'sonic-2', reason: 'over_cost_cap' },
    ]);
    assert.equal(decided.cost_per_minute_minor, 1.43);
    // A cap of 1 also drops the LLM (1): 0.43 is left.
    const tighter = route({ costCapMinorPerMinute: 1 });
    assert.deepEqual(vendors(tighter.llm), ['rules']);
    assert.equal(tighter.cost_per_minute_minor, 0.43);
    assert.equal(tighter.currency, 'EUR');
  });

  void it('drops a fallback that would break the cap if it took over', () => {
    const pricey = structuredClone(examplePremiumPolicy);
    pricey.routing.tts.candidates = [
      { vendor: 'espeak-ng', model: 'espeak-ng' },
      { vendor: 'elevenlabs', model: 'flash-v2', cost_per_minute_minor: 9 },
    ];
    const decided = route({ policies: [ModelPolicy.parse(pricey)] });
    assert.deepEqual(vendors(decided.tts), ['espeak-ng']);
    assert.deepEqual(decided.tts.skipped, [
      { vendor: 'elevenlabs', model: 'flash-v2', reason: 'over_cost_cap' },
    ]);
  });

  void it('keeps the cheapest when nothing fits the cap, and says so', () => {
    const decided = route({ locale: 'nl-NL', costCapMinorPerMinute: 0.1 });
    assert.deepEqual(vendors(decided.asr), ['deepgram']);
    assert.ok(decided.cost_per_minute_minor > (decided.cost_cap_per_minute_minor ?? 0));
  });

  void it('is deterministic: the same input gives the same route', () => {
    const health = new ScriptedHealth().set('asr:deepgram/nova-3', { state: 'unhealthy' });
    assert.deepEqual(
      route({ health, costCapMinorPerMinute: 2 }),
      route({ health, costCapMinorPerMinute: 2 }),
    );
  });
});
