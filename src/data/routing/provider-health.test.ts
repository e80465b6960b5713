import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../platform/clock.ts';
import { createMetricsRegistry } from '../../platform/metrics/index.ts';
import { ProviderHealth } from './provider-health.ts';
import { registerProviderHealthMetrics } from './provider-health-metrics.ts';
import type { ProviderRef } from './provider-ref.ts';

const deepgram: ProviderRef = { stage: 'asr', vendor: 'deepgram', model: 'nova-3' };
const other: ProviderRef = { stage: 'asr', vendor: 'pocketsphinx', model: 'hub4wsj_sc_8k' };

function setup() {
  const clock = new ManualClock();
  const health = new ProviderHealth({
    clock,
    cooldownMs: 30_000,
    windowMs: 60_000,
    windowSize: 10,
  });
  return { clock, health };
}

void describe('ProviderHealth', () => {
  void it('is healthy with no outcomes, and tracks error rate and p95 per model', () => {
    const { health } = setup();
    assert.deepEqual(health.snapshot(deepgram), {
      state: 'healthy',
      errorRate: 0,
      firstTokenP95Ms: undefined,
      samples: 0,
    });
    for (let ms = 100; ms <= 1000; ms += 100) health.recordSuccess(deepgram, ms);
    health.recordFailure(deepgram, 'error');
    const snapshot = health.snapshot(deepgram);
    // Window of 10: the first success (100 ms) slid out.
    assert.equal(snapshot.samples, 10);
    assert.equal(snapshot.errorRate, 0.1);
    assert.equal(snapshot.firstTokenP95Ms, 1000);
    assert.equal(health.snapshot(other).samples, 0);
  });

  void it('turns unhealthy after consecutive failures, probes after the cooldown, recovers', () => {
    const { clock, health } = setup();
    health.recordSuccess(deepgram, 200);
    health.recordFailure(deepgram, 'first_token_timeout');
    health.recordFailure(deepgram, 'error');
    assert.equal(health.snapshot(deepgram).state, 'healthy');
    health.recordFailure(deepgram, 'gap_timeout');
    assert.equal(health.snapshot(deepgram).state, 'unhealthy');
    clock.advance(29_999);
    assert.equal(health.snapshot(deepgram).state, 'unhealthy');
    clock.advance(1);
    assert.equal(health.snapshot(deepgram).state, 'probing');
    health.recordSuccess(deepgram, 250);
    const recovered = health.snapshot(deepgram);
    assert.equal(recovered.state, 'healthy');
    assert.equal(recovered.errorRate, 0, 'the failures that opened the circuit are forgotten');
  });

  void it('a failed probe reopens with a doubled cooldown', () => {
    const { clock, health } = setup();
    for (let i = 0; i < 3; i += 1) health.recordFailure(deepgram, 'error');
    clock.advance(30_000);
    assert.equal(health.snapshot(deepgram).state, 'probing');
    health.recordFailure(deepgram, 'error');
    clock.advance(59_999);
    assert.equal(health.snapshot(deepgram).state, 'unhealthy');
    clock.advance(1);
    assert.equal(health.snapshot(deepgram).state, 'probing');
  });

  void it('turns unhealthy on the error rate once enough samples are in', () => {
    const { health } = setup();
    for (let i = 0; i < 3; i += 1) {
      health.recordSuccess(deepgram, 100);
      health.recordFailure(deepgram, 'error');
    }
    // 3 of 6 failed, never 3 in a row.
    assert.equal(health.snapshot(deepgram).state, 'unhealthy');
  });

  void it('forgets outcomes older than the window', () => {
    const { clock, health } = setup();
    health.recordFailure(deepgram, 'error');
    clock.advance(60_001);
    assert.equal(health.snapshot(deepgram).samples, 0);
  });

  void it('exposes state, error ratio and p95 as gauges at scrape time', async () => {
    const { clock, health } = setup();
    const registry = createMetricsRegistry({ defaultMetrics: false });
    registerProviderHealthMetrics(registry, health);
    health.recordSuccess(other, 400);
    for (let i = 0; i < 3; i += 1) health.recordFailure(deepgram, 'error');
    let text = await registry.metrics();
    assert.match(
      text,
      /voxeron_provider_health_state\{stage="asr",vendor="deepgram",model="nova-3"\} 2/,
    );
    assert.match(
      text,
      /voxeron_provider_error_ratio\{stage="asr",vendor="deepgram",model="nova-3"\} 1/,
    );
    assert.match(
      text,
      /voxeron_provider_first_token_p95_seconds\{stage="asr",vendor="pocketsphinx",model="hub4wsj_sc_8k"\} 0.4/,
    );
    clock.advance(30_000);
    text = await registry.metrics();
    assert.match(
      text,
      /voxeron_provider_health_state\{stage="asr",vendor="deepgram",model="nova-3"\} 1/,
    );
  });
});
