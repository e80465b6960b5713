import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventSchemas } from '../../contracts/events/index.ts';
import { ModelPolicy } from '../../contracts/routing/index.ts';
import { exampleIds, examplePremiumPolicy } from '../../contracts/testing/index.ts';
import { routeVendors } from './route-vendors.ts';
import { ScriptedHealth } from './testing/scripted-health.ts';
import { vendorRoutedPayload } from './vendor-routed-event.ts';

void describe('vendorRoutedPayload', () => {
  const route = (tier: 'premium' | 'trial') =>
    routeVendors({
      tenantTier: tier,
      locale: 'en-US',
      sector: 'horeca',
      policies: [ModelPolicy.parse(examplePremiumPolicy)],
      health: new ScriptedHealth().set('asr:deepgram/nova-3', { state: 'unhealthy' }),
    });

  void it('names each stage primary and the policy, and is a valid v1 event', () => {
    const payload = vendorRoutedPayload(route('premium'));
    assert.deepEqual(payload, {
      locale: 'en-US',
      asr: { provider: 'pocketsphinx', model: 'en-us-8k' },
      llm: { provider: 'openai-compatible', model: 'gpt-4o-mini' },
      tts: { provider: 'cartesia', model: 'sonic-2', voice: 'warm-en' },
      policy_id: examplePremiumPolicy.id,
    });
    eventSchemas.VendorRouted.parse({
      id: exampleIds.event,
      version: 1,
      tenant_id: exampleIds.tenant,
      session_id: exampleIds.session,
      correlation_id: exampleIds.correlation,
      causation_id: null,
      occurred_at: '2026-01-01T12:00:00Z',
      type: 'VendorRouted',
      payload,
    });
  });

  void it('records the built-in default as policy null and a default voice as null', () => {
    const payload = vendorRoutedPayload(route('trial'));
    assert.equal(payload.policy_id, null);
    assert.equal(payload.tts.voice, null);
    assert.equal(payload.tts.provider, 'espeak-ng');
  });
});
