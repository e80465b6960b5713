import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelPolicy } from '../../contracts/routing/index.ts';
import { FailoverTts, NoVendorRouteError } from '../../data/routing/index.ts';
import { createLocalSessions } from '../../data/session/index.ts';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { sampleMenu } from '../../control/testing/api-fixture.ts';
import { DeepgramAsrProvider } from '../../providers/asr/deepgram/deepgram-asr-provider.ts';
import { PocketsphinxAsr } from '../../providers/asr/pocketsphinx/pocketsphinx-asr.ts';
import {
  buildVoiceRoute,
  createVoiceProviderRegistry,
  describeRoute,
  localRoutingTraits,
  routeSummary,
  routedVoiceProviders,
  vendorKeysFromEnv,
  vendorUnavailable,
} from './voice-routing.ts';

const keys = { deepgramApiKey: 'dg-test-key', elevenLabsApiKey: 'el-test-key' };
const traits = {
  tenantId: '01900000-0000-7000-8000-0000000000aa',
  tier: 'standard',
  sector: 'horeca',
  locale: 'en-US',
} as const;

const cloudFirst: ModelPolicy = {
  id: '01900000-0000-7000-8000-0000000000f1',
  name: 'cloud-first',
  priority: 10,
  match: {},
  routing: {
    asr: {
      candidates: [
        { vendor: 'deepgram', model: 'nova-3', parameters: {} },
        { vendor: 'pocketsphinx', model: 'hub4wsj_sc_8k', locales: ['en'], parameters: {} },
      ],
    },
    llm: { candidates: [{ vendor: 'rules', model: 'menu-grounded', parameters: {} }] },
    tts: {
      candidates: [
        { vendor: 'elevenlabs', model: 'eleven_flash_v2_5', voice: 'voice-1', parameters: {} },
        { vendor: 'espeak-ng', model: 'espeak-ng', parameters: {} },
      ],
    },
  },
  enabled: true,
};

const vendorsOff = (...off: string[]) => ({
  isVendorOff: (vendor: string, tenantId?: string) =>
    off.includes(vendor) && tenantId === traits.tenantId,
});

describe('voice routing', () => {
  it('routes to the policy primaries and builds one provider or a failover chain', () => {
    const registry = createVoiceProviderRegistry({ keys, dataDir: '/tmp/voxeron-test' });
    const route = buildVoiceRoute({ traits, policies: [cloudFirst], registry });
    assert.equal(route.policy_id, cloudFirst.id);
    assert.deepEqual(
      route.asr.candidates.map((c) => c.vendor),
      ['deepgram', 'pocketsphinx'],
    );
    const providers = routedVoiceProviders(route, registry);
    assert.match(providers.asr.name, /^deepgram\/nova-3\|pocketsphinx\//);
    assert.ok(providers.tts instanceof FailoverTts);
    assert.equal(providers.tts.name, 'elevenlabs/eleven_flash_v2_5|espeak-ng');
  });

  it('skips a vendor switched off for the tenant and uses the next candidate', () => {
    const registry = createVoiceProviderRegistry({ keys });
    const route = buildVoiceRoute({
      traits,
      policies: [cloudFirst],
      controls: vendorsOff('deepgram'),
      registry,
    });
    assert.deepEqual(
      route.asr.candidates.map((c) => c.vendor),
      ['pocketsphinx'],
    );
    assert.deepEqual(route.asr.skipped, [
      { vendor: 'deepgram', model: 'nova-3', reason: 'killed' },
    ]);
    const providers = routedVoiceProviders(route, registry);
    assert.ok(providers.asr instanceof PocketsphinxAsr, 'one candidate: no failover wrapper');
    assert.equal(routeSummary(route, registry).vendors.asr, 'pocketsphinx');
    assert.match(
      describeRoute(route, registry).join('\n'),
      /asr: pocketsphinx\/hub4wsj_sc_8k; skipped: deepgram\/nova-3 killed/,
    );
  });

  it('a switch for another tenant does not count', () => {
    const registry = createVoiceProviderRegistry({ keys });
    const route = buildVoiceRoute({
      traits: { ...traits, tenantId: '01900000-0000-7000-8000-0000000000bb' },
      policies: [cloudFirst],
      controls: vendorsOff('deepgram'),
      registry,
    });
    assert.equal(route.asr.candidates[0]!.vendor, 'deepgram');
  });

  it('a missing API key means not configured: skipped with its reason', () => {
    const registry = createVoiceProviderRegistry({ keys: { deepgramApiKey: '  ' } });
    assert.equal(vendorUnavailable(registry, 'deepgram'), 'DEEPGRAM_API_KEY is not set');
    assert.equal(vendorUnavailable(registry, 'elevenlabs'), 'ELEVENLABS_API_KEY is not set');
    assert.equal(vendorUnavailable(registry, 'cartesia'), 'no adapter in the voice CLI');
    assert.equal(vendorUnavailable(registry, 'pocketsphinx'), undefined);
    const route = buildVoiceRoute({ traits, policies: [cloudFirst], registry });
    assert.deepEqual(route.asr.skipped, [
      { vendor: 'deepgram', model: 'nova-3', reason: 'not_configured' },
    ]);
    assert.equal(route.tts.candidates[0]!.vendor, 'espeak-ng');
    const summary = routeSummary(route, registry);
    assert.deepEqual(summary.vendors, { asr: 'pocketsphinx', llm: 'rules', tts: 'espeak-ng' });
    assert.deepEqual(summary.not_configured, {
      deepgram: 'DEEPGRAM_API_KEY is not set',
      elevenlabs: 'ELEVENLABS_API_KEY is not set',
    });
    assert.match(
      describeRoute(route, registry).join('\n'),
      /deepgram\/nova-3 not_configured \(DEEPGRAM_API_KEY is not set\)/,
    );
  });

  it('without a policy: the built-ins, cloud first for premium only when keys are set', () => {
    const none = createVoiceProviderRegistry({ keys: {} });
    const premium = { ...traits, tier: 'premium' } as const;
    const local = buildVoiceRoute({ traits: premium, policies: [], registry: none });
    assert.equal(local.policy_id, null);
    assert.equal(local.asr.candidates[0]!.vendor, 'pocketsphinx');
    assert.deepEqual(
      local.tts.skipped.map((s) => [s.vendor, s.reason]),
      [['cartesia', 'not_configured']],
    );
    const withKey = createVoiceProviderRegistry({ keys });
    const cloud = buildVoiceRoute({ traits: premium, policies: [], registry: withKey });
    assert.deepEqual(
      cloud.asr.candidates.map((c) => c.vendor),
      ['deepgram', 'pocketsphinx'],
    );
    const providers = routedVoiceProviders(cloud, withKey);
    assert.match(providers.asr.name, /^deepgram\/nova-3\|pocketsphinx\//);
  });

  it('a Dutch call with no cloud recogniser has no route', () => {
    const registry = createVoiceProviderRegistry({ keys: {} });
    assert.throws(
      () => buildVoiceRoute({ traits: { ...traits, locale: 'nl-NL' }, policies: [], registry }),
      NoVendorRouteError,
    );
  });

  it('creates the cloud adapters with the candidate model and the key', () => {
    const registry = createVoiceProviderRegistry({ keys });
    const deepgram = registry.asr.get('deepgram')!.create({
      vendor: 'deepgram',
      model: 'nova-2',
      parameters: {},
      first_token_timeout_ms: 1000,
      cost_per_minute_minor: 0,
    });
    assert.ok(deepgram instanceof DeepgramAsrProvider);
    assert.equal(deepgram.name, 'deepgram/nova-2');
  });

  it('reads the vendor-standard key variables', () => {
    assert.deepEqual(vendorKeysFromEnv({ DEEPGRAM_API_KEY: 'a', ELEVENLABS_API_KEY: 'b' }), {
      deepgramApiKey: 'a',
      elevenLabsApiKey: 'b',
    });
  });

  it('a call without a database routes on the session config language', () => {
    const { config } = createLocalSessions(parseMenuV1(sampleMenu()));
    assert.deepEqual(localRoutingTraits(config), {
      tier: 'standard',
      sector: 'horeca',
      locale: 'en-US',
    });
  });
});
