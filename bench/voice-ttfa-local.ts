/**
 * Time to first agent audio (TTFA, ARCHITECTURE §4) with the LOCAL providers on synthesised phone
 * calls, against blueprint §16: TTFA p95 ≤ 1.0 s, ASR partial ≤ 250 ms, LLM first token ≤ 300 ms,
 * TTS first chunk ≤ 250 ms (all p95). Prints p50/p95/p99 per stage and met / NOT met per budget.
 *
 * The calls: plain callers of the dev scenarios (../shared/eval/scenarios-dev.jsonl, orders with
 * no special behaviour, round-robin over their menus). Each caller's lines come from the
 * goal-driven simulator (src/data/simulator) run once in text against the same rules engine; the
 * pause before each line is the time espeak-ng needs to say the agent's previous reply, plus 2 s.
 * The lines are spoken by espeak-ng over an 8 kHz μ-law line (test/voice/support/caller-audio.ts)
 * and played in real time by FileAudioTransport into the voice session with the providers
 * `voxeron call --voice` routes to by default: pocketsphinx (8 kHz model, the menu's language
 * model), the rules engine ("LLM first token" = its decision time) and espeak-ng; Silero VAD.
 * Recognition is imperfect, so a call may not reach an order: every caller turn the agent
 * answered is measured, and how many calls ended with an order is printed beside the figures.
 * Providers, the VAD and each menu's language model are warmed up before anything is measured.
 * About 1 minute of real time per call, two calls at a time.
 *
 * Needs espeak-ng, sox and pocketsphinx (scripts/install-system-packages.sh).
 * Run: node --import tsx bench/voice-ttfa-local.ts [--calls N]
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MenuV1 } from '../src/contracts/menu/index.ts';
import type { AsrProvider } from '../src/data/pipeline/asr/asr-provider.ts';
import { synthesiseSpeech } from '../src/data/pipeline/asr/testing/synthesised-speech.ts';
import { menuVocabulary } from '../src/data/pipeline/asr/vocabulary.ts';
import { readWav } from '../src/data/pipeline/audio/wav.ts';
import { latencyReport, summarizeLatency } from '../src/data/pipeline/latency/index.ts';
import type { LatencySummary, TurnLatency } from '../src/data/pipeline/latency/index.ts';
import { startVoiceSession } from '../src/data/pipeline/session/voice-session.ts';
import type { VoiceSessionResult } from '../src/data/pipeline/session/voice-session.ts';
import { FileAudioTransport } from '../src/data/pipeline/transport/file-transport.ts';
import { normalizeForSpeech } from '../src/data/pipeline/tts/normalize.ts';
import { createSpeechSegmenter } from '../src/data/pipeline/vad/speech-segmenter.ts';
import { createLocalSessions } from '../src/data/session/local-session.ts';
import {
  clockInOpeningHours,
  loadMenuFile,
  loadScenarios,
  runScenario,
} from '../src/data/simulator/index.ts';
import type { Scenario } from '../src/data/simulator/index.ts';
import { delay } from '../src/platform/clock.ts';
import { errorMessage } from '../src/platform/errors.ts';
import { DomainLanguageModels } from '../src/providers/asr/pocketsphinx/domain-language-model.ts';
import { PocketsphinxAsr } from '../src/providers/asr/pocketsphinx/pocketsphinx-asr.ts';
import { EspeakNgTts } from '../src/providers/tts/espeak-ng/espeak-ng-tts.ts';
import type { CallerTurn } from '../test/voice/support/caller-audio.ts';
import { callerWav } from '../test/voice/support/caller-audio.ts';

const callsArg = process.argv.indexOf('--calls');
const calls = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 4;
if (!Number.isInteger(calls) || calls < 1) {
  console.error('usage: node --import tsx bench/voice-ttfa-local.ts [--calls N]  (N ≥ 1)');
  process.exit(2);
}

const language = 'en-US';
const timeZone = 'Europe/Amsterdam';
const rateHz = 8000;
/** The caller answers this long after the agent's reply would have ended (its TTFA + a pause). */
const answerAfterReplyMs = 2000;
const evalDir = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const dataDir =
  process.env.VOXERON_DATA_DIR ?? fileURLToPath(new URL('../.voxeron', import.meta.url));
const installHint = 'install them with scripts/install-system-packages.sh';

function fail(message: string): never {
  console.error(`voice-ttfa-local: ${message}`);
  process.exit(1);
}

// --- Preflight: the command-line tools (pocketsphinx is checked when it is warmed up).
const execFileAsync = promisify(execFile);
for (const tool of ['espeak-ng', 'sox']) {
  try {
    await execFileAsync(tool, ['--version'], { timeout: 10_000 });
  } catch (error) {
    fail(`${tool} is not available (${errorMessage(error)}); ${installHint}`);
  }
}

// --- The callers: plain orders of the dev scenarios, alternating between their menus.
/** Callers whose lines do not depend on reacting to the live agent (no barge-in, silence, …). */
const plainStyles = new Set(['all-at-once', 'one-item-per-turn']);
const eligible = loadScenarios(`${evalDir}scenarios-dev.jsonl`).filter(
  (scenario) =>
    scenario.expect.outcome === 'order_created' &&
    plainStyles.has(scenario.behaviour.style) &&
    Object.keys(scenario.behaviour).length === 1,
);
const byMenu = new Map<string, Scenario[]>();
for (const scenario of eligible)
  byMenu.set(scenario.menu, [...(byMenu.get(scenario.menu) ?? []), scenario]);
const roundRobin: Scenario[] = [];
for (let k = 0; roundRobin.length < eligible.length; k++)
  for (const scenarios of byMenu.values()) if (scenarios[k]) roundRobin.push(scenarios[k]!);
if (roundRobin.length === 0) fail(`no plain order scenarios in ${evalDir}scenarios-dev.jsonl`);
const chosen = Array.from({ length: calls }, (_, k) => roundRobin[k % roundRobin.length]!);

const menus = new Map<string, MenuV1>();
const menuOf = (name: string) => {
  let menu = menus.get(name);
  if (!menu) menus.set(name, (menu = loadMenuFile(`${evalDir}menus`, name)));
  return menu;
};

/** One espeak-ng per call in flight, as each call has its own synthesiser. */
const ttsSlots = [new EspeakNgTts(), new EspeakNgTts()];
const asr: AsrProvider = new PocketsphinxAsr({
  domainModels: new DomainLanguageModels({ dataDir }),
});

const replyMsCache = new Map<string, number>();
/** How long the agent takes to say `text` (espeak-ng, the session's own normalisation). */
async function replyMs(text: string, menu: MenuV1): Promise<number> {
  const spoken = normalizeForSpeech(text, { language, currency: menu.currency });
  let ms = replyMsCache.get(spoken);
  if (ms === undefined) {
    let samples = 0;
    try {
      for await (const chunk of ttsSlots[0]!.synthesize({
        text: spoken,
        language,
        sampleRateHz: rateHz,
      }))
        samples += chunk.pcm16.length;
    } catch (error) {
      fail(`espeak-ng cannot synthesise (${errorMessage(error)}); ${installHint}`);
    }
    ms = (samples / rateHz) * 1000;
    replyMsCache.set(spoken, ms);
  }
  return ms;
}

interface PreparedCall {
  scenario: Scenario;
  menu: MenuV1;
  vocabulary: string[];
  utterances: number;
  wav: Uint8Array;
  trailingSilenceMs: number;
  durationMs: number;
}

/** The caller's lines from a text run of the simulator, timed to the agent's replies. */
async function prepare(scenario: Scenario): Promise<PreparedCall> {
  const menu = menuOf(scenario.menu);
  const dryRun = await runScenario(scenario, menu);
  const turns: CallerTurn[] = [];
  let lastReply = '';
  for (const entry of dryRun.transcript) {
    if (entry.speaker === 'agent') lastReply = entry.text;
    else if (entry.text.trim() !== '')
      turns.push({
        // Digits as a caller says them ("+31 6 …" → "plus three one, six, …").
        text: normalizeForSpeech(entry.text, { language }),
        silenceBeforeMs: Math.round((await replyMs(lastReply, menu)) + answerAfterReplyMs),
      });
  }
  const last = dryRun.transcript.at(-1);
  const trailingSilenceMs = Math.round(
    (last?.speaker === 'agent' ? await replyMs(last.text, menu) : 0) + answerAfterReplyMs + 2000,
  );
  const wav = await callerWav(turns);
  const audioMs = (readWav(wav).pcm16.length / rateHz) * 1000;
  return {
    scenario,
    menu,
    vocabulary: menuVocabulary(menu),
    utterances: turns.length,
    wav,
    trailingSilenceMs,
    durationMs: audioMs + trailingSilenceMs,
  };
}

interface CallRun {
  call: PreparedCall;
  result: VoiceSessionResult;
}

async function runCall(call: PreparedCall, tts: EspeakNgTts): Promise<CallRun> {
  const transport = FileAudioTransport.fromWav(call.wav, {
    sampleRateHz: rateHz,
    realtime: true,
    trailingSilenceMs: call.trailingSilenceMs,
  });
  const { manager, config } = createLocalSessions(call.menu, {
    clock: clockInOpeningHours(call.menu, timeZone),
    overlay: { timezone: timeZone },
  });
  const session = startVoiceSession({
    transport,
    callSession: () => manager.open({ config, channel: 'audio-file' }),
    asr,
    tts,
    vad: (sampleRateHz) =>
      createSpeechSegmenter({ sampleRateHz: sampleRateHz === 16000 ? 16000 : 8000 }),
    language,
    vocabulary: call.vocabulary,
    currency: call.menu.currency,
    signal: AbortSignal.timeout(Math.round(call.durationMs) + 60_000),
  });
  return { call, result: await session.done };
}

// --- Preparation (not measured): dry runs, agent reply lengths, the callers' audio.
const prepared: PreparedCall[] = [];
for (const scenario of chosen) prepared.push(await prepare(scenario));

// --- Warm-up (not measured): the VAD model, each menu's language model and a first search,
// the first espeak-ng process of each synthesiser and its spare.
const warmUpStart = performance.now();
await createSpeechSegmenter({ sampleRateHz: rateHz });
const warmUpSpeech = await synthesiseSpeech('hello, can I get a pizza please', {
  sampleRateHz: rateHz,
});
for (const menu of menus.values()) {
  try {
    const stream = await asr.open({
      sampleRateHz: rateHz,
      language,
      vocabulary: menuVocabulary(menu),
    });
    stream.write(warmUpSpeech);
    stream.flush();
    for await (const event of stream.events()) {
      if (event.type === 'error') throw new Error(event.message);
      if (event.type === 'final') break;
    }
    await stream.close();
  } catch (error) {
    fail(
      `pocketsphinx could not open a stream with the menu language model (${errorMessage(error)}); ` +
        `if pocketsphinx is missing, ${installHint}`,
    );
  }
}
for (const tts of ttsSlots) {
  let samples = 0;
  for await (const chunk of tts.synthesize({ text: 'Hello.', language, sampleRateHz: rateHz }))
    samples += chunk.pcm16.length;
  if (samples === 0) fail(`espeak-ng produced no audio; ${installHint}`);
  tts.warmUp(language);
}
const warmUpMs = performance.now() - warmUpStart;

// --- The measured calls, two at a time (the second starts 1 s later so turns do not line up).
const loadBefore = os.loadavg()[0]!;
const runs: CallRun[] = [];
for (let k = 0; k < prepared.length; k += 2) {
  const pair = prepared.slice(k, k + 2);
  runs.push(
    ...(await Promise.all(
      pair.map(async (call, slot) => {
        if (slot > 0) await delay(1000);
        return runCall(call, ttsSlots[slot]!);
      }),
    )),
  );
}
const loadAfter = os.loadavg()[0]!;
await Promise.all(ttsSlots.map((tts) => tts.close()));

// --- Report.
const answered = (turn: TurnLatency) => turn.ttfaMs !== undefined;
const callerTurns = runs.flatMap(({ result }) =>
  result.turns.filter((turn) => turn.kind === 'speech' && answered(turn)),
);
const greetings = runs.flatMap(({ result }) =>
  result.turns.filter((turn) => turn.kind === 'greeting' && answered(turn)),
);
const ordered = runs.filter(({ result }) => result.outcome === 'order_created').length;

for (const [k, { call, result }] of runs.entries()) {
  const measured = result.turns.filter((turn) => turn.kind === 'speech' && answered(turn)).length;
  const { id, menu, behaviour } = call.scenario;
  console.log(
    `call ${k + 1} ${id} (${menu}, ${behaviour.style}): ${call.utterances} caller lines, ` +
      `${measured} caller turns answered, barge-ins ${result.interruptions}, ` +
      `outcome ${result.outcome ?? 'none'} (${result.endReason})` +
      (result.failures.length > 0 ? `; failures: ${result.failures.join('; ')}` : ''),
  );
}
if (callerTurns.length === 0) fail('no caller turn got an agent response: nothing to report');

const report = latencyReport(callerTurns);
const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—').padStart(7);
const line = (name: string, summary: LatencySummary) =>
  `${name.padEnd(28)} p50 ${fixed(summary.p50Ms)} ms  p95 ${fixed(summary.p95Ms)} ms  p99 ${fixed(summary.p99Ms)} ms  (n=${summary.count})`;
const verdict = (name: string, summary: LatencySummary, limitMs: number) =>
  `${name} p95 ≤ ${limitMs} ms → ${
    summary.count === 0 ? 'no samples' : summary.p95Ms <= limitMs ? 'met' : 'NOT met'
  }`;

console.log(
  `\nvoice TTFA, local providers: ${asr.name} (menu language model, 8 kHz), rules dialogue, ` +
    `espeak-ng; ${runs.length} calls in real time, two at a time, ${callerTurns.length} caller turns`,
);
console.log(
  `warmed up first (not measured): VAD, ${menus.size} menu language model(s) and a first search, ` +
    `espeak-ng processes — ${(warmUpMs / 1000).toFixed(1)} s; ` +
    `load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${os.availableParallelism()} cores`,
);
console.log(line('ttfa', report.ttfaMs));
console.log(line('endpointing (media)', report.endpointingMs));
console.log(
  line(
    'ttfa − endpointing',
    summarizeLatency(callerTurns.map((turn) => turn.ttfaMs! - turn.endpointingMs)),
  ),
);
console.log(line('asr first partial', report.asrPartialLatencyMs));
console.log(line('asr final', report.asrFinalLatencyMs));
console.log(line('dialogue / llm first token', report.dialogueMs));
console.log(line('tts first chunk', report.ttsFirstChunkLatencyMs));
console.log(line('platform overhead', report.platformOverheadMs));
console.log(line('greeting ttfa (from answer)', latencyReport(greetings).ttfaMs));
console.log(`calls ending with an order: ${ordered}/${runs.length}`);
console.log(`goal: ${verdict('TTFA', report.ttfaMs, 1000)}`);
console.log(`budget: ${verdict('ASR partial', report.asrPartialLatencyMs, 250)}`);
console.log(`budget: ${verdict('LLM first token', report.dialogueMs, 300)}`);
console.log(`budget: ${verdict('TTS first chunk', report.ttsFirstChunkLatencyMs, 250)}`);
