/**
 * Dead air added by a mid-call failover: time to the first agent audio chunk (TTS), first
 * partial (ASR) and decision (LLM) with a healthy primary, with a primary that stalls (replaced
 * at its first-token timeout) and with one that errors at once. Scripted fakes with jittered
 * latencies, real timers; runs of each scenario overlap, as concurrent calls would.
 * Run: node --import tsx bench/failover.ts [runs=40]
 */
import { summarizeLatency } from '../src/data/pipeline/latency/percentiles.ts';
import { ScriptedAsr } from '../src/data/pipeline/asr/testing/index.ts';
import { ScriptedTts } from '../src/data/pipeline/tts/testing/index.ts';
import { FailoverAsr } from '../src/data/routing/failover-asr.ts';
import { FailoverDialoguePolicy } from '../src/data/routing/failover-policy.ts';
import { FailoverTts } from '../src/data/routing/failover-tts.ts';
import {
  defaultFirstTokenTimeoutMs,
  defaultGapTimeoutMs,
} from '../src/data/routing/builtin-policies.ts';
import type { DialoguePolicy, PolicyInput } from '../src/data/session/policy.ts';
import type { Understanding } from '../src/data/understanding/index.ts';
import { delay } from '../src/platform/clock.ts';

const runs = Number(process.argv[2] ?? 40);
type Mode = 'healthy' | 'stall' | 'error';
const modes: Mode[] = ['healthy', 'stall', 'error'];

/** Deterministic jitter (mulberry32) so two runs of the bench compare. */
function jitter(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = jitter(7);
const between = (lowMs: number, highMs: number) => lowMs + random() * (highMs - lowMs);

async function ttsRun(mode: Mode): Promise<number> {
  const fail =
    mode === 'stall' ? 'stall' : mode === 'error' ? 'error-before-first-chunk' : undefined;
  const primary = new ScriptedTts({
    name: 'cloud',
    firstChunkDelayMs: mode === 'error' ? between(20, 60) : between(150, 250),
    ...(fail ? { fail } : {}),
  });
  const fallback = new ScriptedTts({ name: 'local', firstChunkDelayMs: between(40, 80) });
  const tts = new FailoverTts({
    candidates: [
      {
        ref: { stage: 'tts', vendor: 'cloud', model: 'm' },
        provider: primary,
        firstTokenTimeoutMs: defaultFirstTokenTimeoutMs.tts,
      },
      {
        ref: { stage: 'tts', vendor: 'local', model: 'm' },
        provider: fallback,
        firstTokenTimeoutMs: defaultFirstTokenTimeoutMs.tts,
      },
    ],
    gapTimeoutMs: defaultGapTimeoutMs.tts,
  });
  const startMs = performance.now();
  for await (const _chunk of tts.synthesize({
    text: 'Two margheritas, is that right?',
    language: 'en-US',
    sampleRateHz: 8000,
  })) {
    return performance.now() - startMs;
  }
  throw new Error('no audio');
}

async function asrRun(mode: Mode): Promise<number> {
  const primary = new ScriptedAsr({
    name: 'cloud',
    utterances: [
      {
        text: 'two margheritas',
        firstPartialDelayMs: mode === 'error' ? between(20, 60) : between(150, 250),
        ...(mode === 'healthy' ? {} : { fail: mode }),
      },
    ],
  });
  const fallback = new ScriptedAsr({
    name: 'local',
    utterances: [{ text: 'two margheritas', firstPartialDelayMs: between(80, 150) }],
  });
  const asr = new FailoverAsr({
    candidates: [
      {
        ref: { stage: 'asr', vendor: 'cloud', model: 'm' },
        provider: primary,
        firstTokenTimeoutMs: defaultFirstTokenTimeoutMs.asr,
      },
      {
        ref: { stage: 'asr', vendor: 'local', model: 'm' },
        provider: fallback,
        firstTokenTimeoutMs: defaultFirstTokenTimeoutMs.asr,
      },
    ],
    gapTimeoutMs: defaultGapTimeoutMs.asr,
  });
  const stream = await asr.open({ sampleRateHz: 8000, language: 'en-US' });
  const startMs = performance.now();
  const feeding = (async () => {
    for (let frame = 0; frame < 150; frame += 1) {
      stream.write(new Int16Array(160));
      await delay(20);
    }
  })();
  for await (const event of stream.events()) {
    if (event.type === 'partial') {
      const elapsedMs = performance.now() - startMs;
      await feeding;
      await stream.close();
      return elapsedMs;
    }
  }
  throw new Error('no partial');
}

async function llmRun(mode: Mode): Promise<number> {
  const scripted = (name: string, delayMs: number, fail?: Mode): DialoguePolicy => ({
    name,
    decide: async ({ signal }: PolicyInput) => {
      if (fail === 'stall')
        await new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      await delay(delayMs, signal);
      if (fail === 'error') throw new Error('503');
      return {} as Understanding;
    },
  });
  const policy = new FailoverDialoguePolicy({
    candidates: [
      {
        ref: { stage: 'llm', vendor: 'cloud', model: 'm' },
        provider: scripted('cloud', mode === 'error' ? between(20, 60) : between(250, 450), mode),
        firstTokenTimeoutMs: defaultFirstTokenTimeoutMs.llm,
      },
      {
        ref: { stage: 'llm', vendor: 'rules', model: 'm' },
        provider: scripted('rules', between(1, 3)),
        firstTokenTimeoutMs: defaultFirstTokenTimeoutMs.llm,
      },
    ],
    gapTimeoutMs: defaultGapTimeoutMs.llm,
  });
  const startMs = performance.now();
  await policy.decide({ utterance: 'two margheritas' } as PolicyInput);
  return performance.now() - startMs;
}

const stages = { tts: ttsRun, asr: asrRun, llm: llmRun } as const;
console.log(`failover dead air (${runs} overlapping runs per row; real timers, scripted vendors)`);
console.log('stage  primary    first output p50 / p95 ms   added vs healthy p50 / p95 ms');
for (const [stage, run] of Object.entries(stages)) {
  const healthy = summarizeLatency(
    await Promise.all(Array.from({ length: runs }, () => run('healthy'))),
  );
  for (const mode of modes) {
    const summary =
      mode === 'healthy'
        ? healthy
        : summarizeLatency(await Promise.all(Array.from({ length: runs }, () => run(mode))));
    const added =
      mode === 'healthy'
        ? '—'
        : `${(summary.p50Ms - healthy.p50Ms).toFixed(0)} / ${(summary.p95Ms - healthy.p95Ms).toFixed(0)}`;
    console.log(
      `${stage.padEnd(6)} ${mode.padEnd(10)} ${summary.p50Ms.toFixed(0).padStart(6)} / ${summary.p95Ms.toFixed(0).padEnd(20)} ${added}`,
    );
  }
}
console.log(
  `timeouts: first token asr ${defaultFirstTokenTimeoutMs.asr} ms, llm ${defaultFirstTokenTimeoutMs.llm} + gap ${defaultGapTimeoutMs.llm} ms (whole decision), tts ${defaultFirstTokenTimeoutMs.tts} ms`,
);
