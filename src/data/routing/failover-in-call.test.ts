/**
 * Failover inside a whole voice call (scripted caller, manual time advanced 20 ms per frame): a
 * vendor that stalls or errors is replaced, the call goes on to its order, and the recorder
 * writes one `VendorFailover` payload per failover with the moment it happened.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VendorFailoverPayload } from '../../contracts/events/index.ts';
import { createMetricsRegistry } from '../../platform/metrics/index.ts';
import { ScriptedAsr, type ScriptedUtterance } from '../pipeline/asr/testing/index.ts';
import type { AsrProvider } from '../pipeline/asr/asr-provider.ts';
import {
  answerEach,
  committedTexts,
  demoSessions,
  pickupOrderTurns,
  runVoiceCall,
} from '../pipeline/session/testing/voice-call-harness.ts';
import { ScriptedTts, type ScriptedTtsOptions } from '../pipeline/tts/testing/index.ts';
import type { TtsProvider } from '../pipeline/tts/tts-provider.ts';
import { FailoverAsr } from './failover-asr.ts';
import { FailoverTts } from './failover-tts.ts';
import type { FailoverCandidate } from './failover-types.ts';
import { ManualScheduler } from './testing/manual-scheduler.ts';
import { VendorFailoverMetrics } from './vendor-failover-metrics.ts';
import { VendorFailoverRecorder } from './vendor-failover-recorder.ts';

const order: ScriptedUtterance[] = pickupOrderTurns.map((text) => ({ text }));

function candidates<Provider extends { name: string }>(
  stage: 'asr' | 'tts',
  providers: Provider[],
  firstTokenTimeoutMs: number,
): FailoverCandidate<Provider>[] {
  return providers.map((provider) => ({
    ref: { stage, vendor: provider.name, model: 'm' },
    provider,
    firstTokenTimeoutMs,
  }));
}

/** One whole pickup order over `asr` and `tts`, recording failovers into `recorded`. */
async function callWithFailover(
  scheduler: ManualScheduler,
  providers: (recorder: VendorFailoverRecorder) => { asr?: AsrProvider; tts?: TtsProvider },
) {
  const registry = createMetricsRegistry({ defaultMetrics: false });
  const recorded: VendorFailoverPayload[] = [];
  const recorder = new VendorFailoverRecorder({
    sink: (_session, payload) => {
      recorded.push(payload);
      return Promise.resolve();
    },
    metrics: new VendorFailoverMetrics(registry),
    clock: scheduler.clock,
  });
  const sessions = demoSessions();
  const run = await runVoiceCall({
    script: answerEach(pickupOrderTurns.length),
    utterances: order,
    sessions,
    tick: () => scheduler.advance(20),
    session: {
      ...providers(recorder),
      callSession: async () => {
        const opened = await sessions.manager.open({
          config: sessions.config,
          channel: 'audio-file',
        });
        recorder.attach(opened);
        return opened;
      },
    },
  });
  await recorder.flush();
  return { ...run, recorded, metrics: await registry.metrics() };
}

const scriptedTts = (scheduler: ManualScheduler, options: ScriptedTtsOptions) =>
  new ScriptedTts({ msPerChar: 20, delay: scheduler.delay, ...options });

void describe('failover in a voice call', () => {
  void it('a recogniser silent past its first-token timeout is replaced and the order still goes through', async () => {
    const scheduler = new ManualScheduler();
    const asrOf = (name: string, utterances: ScriptedUtterance[]) =>
      new ScriptedAsr({ name, utterances, delay: scheduler.delay, clock: scheduler.clock });
    // The primary hears the first answer, then goes silent on the second.
    const cloud = asrOf('cloud', [order[0]!, { text: 'never heard', fail: 'stall' }]);
    const local = asrOf('local', order.slice(1));
    const { result, frames, recorded, metrics } = await callWithFailover(scheduler, (recorder) => ({
      asr: new FailoverAsr({
        candidates: candidates('asr', [cloud, local], 300),
        gapTimeoutMs: 2000,
        onFailover: recorder.onFailover,
        timers: scheduler,
        clock: scheduler.clock,
      }),
    }));

    assert.equal(result.outcome, 'order_created');
    assert.deepEqual(committedTexts(frames), [...pickupOrderTurns]);
    assert.equal(recorded.length, 1);
    const [failover] = recorded;
    assert.deepEqual(
      { ...failover, elapsed_ms: undefined },
      {
        stage: 'asr',
        from: { provider: 'cloud', model: 'm' },
        to: { provider: 'local', model: 'm' },
        reason: 'first_token_timeout',
        error: null,
        turn: 1,
        elapsed_ms: undefined,
      },
    );
    assert.ok(failover!.elapsed_ms > 0);
    assert.match(
      metrics,
      /voxeron_vendor_failovers_total\{stage="asr",from="cloud\/m",to="local\/m",reason="first_token_timeout"\} 1/,
    );
    assert.equal(cloud.openStreams + local.openStreams, 0, 'no recogniser stream left open');
  });

  void it('a synthesiser failing mid-sentence is replaced for that sentence and the call goes on', async () => {
    const scheduler = new ManualScheduler();
    // The primary breaks off in the middle of its first sentence (the greeting).
    const cloud = scriptedTts(scheduler, {
      name: 'cloud',
      fail: { mode: 'error-mid-stream', onRequest: 1 },
    });
    const local = scriptedTts(scheduler, { name: 'local' });
    const { result, recorded } = await callWithFailover(scheduler, (recorder) => ({
      tts: new FailoverTts({
        candidates: candidates('tts', [cloud, local], 800),
        gapTimeoutMs: 2000,
        onFailover: recorder.onFailover,
        timers: scheduler,
        clock: scheduler.clock,
      }),
    }));

    assert.equal(result.outcome, 'order_created');
    assert.equal(recorded.length, 1);
    const [failover] = recorded;
    assert.equal(failover?.stage, 'tts');
    assert.equal(failover?.reason, 'error');
    assert.equal(failover?.turn, 0, 'during the greeting');
    assert.match(failover?.error ?? '', /scripted failure in mid-stream/);
    assert.deepEqual(failover?.to, { provider: 'local', model: 'm' });
    // The next vendor said the whole sentence the first one broke off.
    assert.equal(local.requests[0]?.text, cloud.requests[0]?.text);
    assert.equal(cloud.activeSyntheses + local.activeSyntheses, 0, 'no synthesis left running');
  });
});
