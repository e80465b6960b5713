/**
 * Platform overhead of a voice turn (ARCHITECTURE §4: TTFA minus endpointing and the time spent
 * inside vendors) with fake providers of fixed latency, paced in real time: p50/p95/p99.
 * Goal: p95 ≤ 10 ms.
 * Run: node --import tsx bench/voice-overhead.ts [--calls 12] (12 calls: 84 caller turns, so the p95
 * is not one slow turn of a few dozen)
 */
import { delay } from '../src/platform/clock.ts';
import { latencyReport } from '../src/data/pipeline/latency/index.ts';
import type { TurnLatency } from '../src/data/pipeline/latency/index.ts';
import { realtimeTick } from '../src/data/pipeline/session/testing/realtime-tick.ts';
import {
  answerEach,
  pickupOrderTurns,
  runVoiceCall,
} from '../src/data/pipeline/session/testing/voice-call-harness.ts';

const callsArg = process.argv.indexOf('--calls');
const calls = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 12;
const asrFinalMs = 150;
const ttsFirstChunkMs = 120;

async function oneCall(): Promise<TurnLatency[]> {
  const { result } = await runVoiceCall({
    script: answerEach(pickupOrderTurns.length, 700),
    utterances: pickupOrderTurns.map((text) => ({
      text,
      firstPartialDelayMs: 100,
      partialEveryMs: 60,
      finalDelayMs: asrFinalMs,
    })),
    asrDelay: (ms, signal) => delay(ms, signal),
    toneTts: { firstChunkDelayMs: ttsFirstChunkMs, msPerChar: 8 },
    tick: realtimeTick({}),
    record: false,
  });
  if (result.outcome !== 'order_created') throw new Error(`call ended ${result.outcome}`);
  return result.turns.filter((turn) => turn.kind === 'speech');
}

// One call to warm up (JIT, lazy module state), then calls two at a time, ~15 s of real time each.
await oneCall();
const turns: TurnLatency[] = [];
for (let k = 0; k < calls; k += 2)
  turns.push(...(await Promise.all([oneCall(), oneCall()])).flat());
const report = latencyReport(turns);
const line = (name: string, summary: { p50Ms: number; p95Ms: number; p99Ms: number }) =>
  `${name.padEnd(22)} p50 ${summary.p50Ms.toFixed(1).padStart(7)} ms  p95 ${summary.p95Ms.toFixed(1).padStart(7)} ms  p99 ${summary.p99Ms.toFixed(1).padStart(7)} ms`;
console.log(
  `voice turn latency, ${turns.length} caller turns, fake ASR final ${asrFinalMs} ms, TTS first chunk ${ttsFirstChunkMs} ms, rules dialogue`,
);
console.log(line('ttfa', report.ttfaMs));
console.log(line('endpointing (media)', report.endpointingMs));
console.log(line('asr final', report.asrFinalLatencyMs));
console.log(line('dialogue', report.dialogueMs));
console.log(line('tts first chunk', report.ttsFirstChunkLatencyMs));
console.log(line('platform overhead', report.platformOverheadMs));
console.log(
  `goal: platform overhead p95 ≤ 10 ms → ${report.platformOverheadMs.p95Ms <= 10 ? 'met' : 'NOT met'}`,
);
