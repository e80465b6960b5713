import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelPolicy } from '../../contracts/routing/index.ts';
import { examplePremiumPolicy } from '../../contracts/testing/index.ts';
import { ScriptedTts } from '../pipeline/tts/testing/index.ts';
import type { TtsProvider } from '../pipeline/tts/tts-provider.ts';
import { FailoverTts } from './failover-tts.ts';
import { failoverCandidates, type FailoverEvent } from './failover-types.ts';
import { ProviderHealth } from './provider-health.ts';
import { routeVendors } from './route-vendors.ts';
import { ManualScheduler } from './testing/manual-scheduler.ts';

void describe('routing, failover and health together', () => {
  void it('failovers turn a stalled vendor unhealthy, and the next session routes around it', async () => {
    const scheduler = new ManualScheduler();
    const health = new ProviderHealth({ clock: scheduler.clock, cooldownMs: 30_000 });
    const cartesia = new ScriptedTts({ name: 'cartesia', fail: 'stall', delay: scheduler.delay });
    const espeak = new ScriptedTts({
      name: 'espeak-ng',
      firstChunkDelayMs: 20,
      delay: scheduler.delay,
    });
    const instances: Record<string, TtsProvider> = { cartesia, 'espeak-ng': espeak };
    const policies = [ModelPolicy.parse(examplePremiumPolicy)];
    const route = () =>
      routeVendors({ tenantTier: 'premium', locale: 'en-US', sector: 'horeca', policies, health });

    const failovers: FailoverEvent[] = [];
    for (let call = 0; call < 3; call += 1) {
      const decided = route();
      assert.equal(decided.tts.candidates[0]?.vendor, 'cartesia', `call ${call}`);
      const tts = new FailoverTts({
        candidates: failoverCandidates(
          'tts',
          decided.tts,
          (candidate) => instances[candidate.vendor],
        ),
        gapTimeoutMs: decided.tts.gap_timeout_ms,
        health,
        onFailover: (event) => failovers.push(event),
        timers: scheduler,
        clock: scheduler.clock,
      });
      let done = false;
      const speaking = (async () => {
        for await (const _chunk of tts.synthesize({
          text: 'Hello.',
          language: 'en-US',
          sampleRateHz: 8000,
        })) {
          // played
        }
        done = true;
      })();
      await scheduler.runUntil(() => done);
      await speaking;
    }
    assert.equal(failovers.length, 3);
    assert.equal(cartesia.activeSyntheses, 0);

    const fourth = route();
    assert.deepEqual(
      fourth.tts.candidates.map((candidate) => [candidate.vendor, candidate.degraded]),
      [
        ['espeak-ng', undefined],
        ['cartesia', 'unhealthy'],
      ],
    );
    // After the cooldown the vendor is probed again as the primary.
    await scheduler.advance(30_000);
    assert.equal(route().tts.candidates[0]?.vendor, 'cartesia');
  });

  void it('failoverCandidates keeps route order and leaves out vendors with no instance', () => {
    const decided = routeVendors({
      tenantTier: 'premium',
      locale: 'en-US',
      sector: 'horeca',
      policies: [ModelPolicy.parse(examplePremiumPolicy)],
      health: new ProviderHealth(),
    });
    const espeak = new ScriptedTts({ name: 'espeak-ng' });
    const candidates = failoverCandidates('tts', decided.tts, (candidate) =>
      candidate.vendor === 'espeak-ng' ? espeak : undefined,
    );
    assert.deepEqual(
      candidates.map((candidate) => [candidate.ref, candidate.firstTokenTimeoutMs]),
      [[{ stage: 'tts', vendor: 'espeak-ng', model: 'espeak-ng' }, 800]],
    );
    assert.equal(candidates[0]?.provider, espeak);
  });
});
