import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetricsRegistry } from '../../../platform/metrics/index.ts';
import { latencyReport } from './latency-report.ts';
import { VoiceLatencyMetrics } from './latency-metrics.ts';
import { percentile, summarizeLatency } from './percentiles.ts';
import { TurnLatencyRecorder } from './turn-latency.ts';

describe('turn latency', () => {
  it('derives TTFA, vendor stages and platform overhead from one clock', () => {
    const recorder = new TurnLatencyRecorder();
    recorder.set('userStoppedSpeakingMs', 1000);
    recorder.set('speechStartedMs', 0);
    recorder.mark('asrFirstPartialMs', 180);
    recorder.mark('asrFirstPartialMs', 400); // later partials do not move the first one
    recorder.set('asrFlushedMs', 1300);
    recorder.mark('asrFinalMs', 1350);
    recorder.setEndpointing(500);
    recorder.set('turnCommittedMs', 1510);
    recorder.set('llmFirstTokenMs', 1710);
    recorder.mark('ttsRequestedMs', 1712);
    recorder.mark('ttsFirstChunkMs', 1862);
    recorder.mark('firstAudioOutMs', 1865);
    const turn = recorder.finish('speech');
    assert.equal(turn.ttfaMs, 865);
    assert.equal(turn.asrPartialLatencyMs, 180);
    assert.equal(turn.asrFinalLatencyMs, 50);
    assert.equal(turn.dialogueMs, 200);
    assert.equal(turn.ttsFirstChunkLatencyMs, 150);
    // 865 − 500 endpointing − 200 dialogue − 150 TTS = 15 ms the platform added.
    assert.equal(turn.platformOverheadMs, 15);
    assert.equal(recorder.turns.length, 1);
    // The next turn starts empty.
    assert.equal(recorder.get('firstAudioOutMs'), undefined);
  });

  it("reports a turn's slowest word emission lag, and none for a provider without alignment", () => {
    const recorder = new TurnLatencyRecorder();
    recorder.addWordLags([40, 120]);
    recorder.addWordLags([90]); // a second utterance of the same turn
    assert.equal(recorder.finish('speech').asrWordLagMs, 120);
    assert.equal(recorder.finish('speech').asrWordLagMs, undefined);
    recorder.addWordLags([300]);
    recorder.discard(); // speech that did not become a turn
    assert.equal(recorder.finish('speech').asrWordLagMs, undefined);
  });

  it('measures a DTMF or silence turn from its commit', () => {
    const recorder = new TurnLatencyRecorder();
    recorder.set('turnCommittedMs', 100);
    recorder.set('llmFirstTokenMs', 110);
    recorder.mark('firstAudioOutMs', 130);
    assert.equal(recorder.finish('dtmf').ttfaMs, 30);
  });

  it('summarises with nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, k) => k + 1);
    assert.deepEqual(summarizeLatency(samples), {
      count: 100,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
    });
    assert.ok(Number.isNaN(percentile([], 0.5)));
    assert.equal(summarizeLatency([Number.NaN, 3]).count, 1);
  });

  it('reports every stage and exports Prometheus histograms in seconds', async () => {
    const recorder = new TurnLatencyRecorder();
    recorder.set('userStoppedSpeakingMs', 0);
    recorder.set('turnCommittedMs', 300);
    recorder.set('llmFirstTokenMs', 400);
    recorder.mark('firstAudioOutMs', 700);
    const turn = recorder.finish('speech');
    assert.equal(latencyReport([turn]).ttfaMs.p95Ms, 700);
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const metrics = new VoiceLatencyMetrics(registry);
    new VoiceLatencyMetrics(registry); // a second session on the same registry reuses them
    metrics.observe(turn);
    const text = await registry.metrics();
    assert.match(text, /voxeron_voice_ttfa_seconds_bucket\{le="0.75",kind="speech"\} 1/);
    assert.match(text, /voxeron_voice_ttfa_seconds_sum\{kind="speech"\} 0.7/);
  });
});
