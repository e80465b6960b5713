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
 * Endpointing (ADR 0018): commits and TTFA per turn-detector reason (early / silence /
 * extended), the cues that decided them, and how the caller's lines were cut into turns: a line
 * committed in two turns, or before its audio ended, is a premature commit. `--turns` lists
 * every commit with what was said and what was heard.
 *
 * Prosody (ADR 0020): the turn detector reads the caller's final pitch contour unless
 * `--prosody off`; the cue of each commit shows the contour (`fall 0.93`), and `prosody` commits
 * are those a final fall shortened. For an A/B, run it interleaved with and without.
 *
 * Needs espeak-ng, sox and pocketsphinx (scripts/install-system-packages.sh).
 * Run: node --import tsx bench/voice-ttfa-local.ts [--calls N] [--turns] [--prosody on|off]
 *   [--falling-hangover-ms N]
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MenuV1 } from '../src/contracts/menu/index.ts';
import type { AsrProvider } from '../src/data/pipeline/asr/asr-provider.ts';
import { synthesiseSpeech } from '../src/data/pipeline/asr/testing/synthesised-speech.ts';
import { menuVocabulary } from '../src/data/pipeline/asr/vocabulary.ts';
import { writeWav } from '../src/data/pipeline/audio/wav.ts';
import { latencyReport, summarizeLatency } from '../src/data/pipeline/latency/index.ts';
import type { LatencySummary, TurnLatency } from '../src/data/pipeline/latency/index.ts';
import { startVoiceSession } from '../src/data/pipeline/session/voice-session.ts';
import type { VoiceSessionResult } from '../src/data/pipeline/session/voice-session.ts';
import { FileAudioTransport } from '../src/data/pipeline/transport/file-transport.ts';
import type { TurnCommitDetail } from '../src/data/pipeline/turn/turn-detector.ts';
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

const callsArg = process.argv.indexOf('--calls');
const calls = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 4;
if (!Number.isInteger(calls) || calls < 1) {
  console.error(
    'usage: node --import tsx bench/voice-ttfa-local.ts [--calls N] [--turns]  (N ≥ 1)',
  );
  process.exit(2);
}
/** Print every committed turn (what was said, what was heard, why and when it was committed). */
const printTurns = process.argv.includes('--turns');
const prosodyArg = process.argv.indexOf('--prosody');
const prosody = prosodyArg > 0 ? process.argv[prosodyArg + 1] : 'on';
if (prosody !== 'on' && prosody !== 'off') {
  console.error('voice-ttfa-local: --prosody takes on or off');
  process.exit(2);
}
/** The wait after a final fall with no cue in the words (TurnDetector `fallingHangoverMs`). */
const fallingArg = process.argv.indexOf('--falling-hangover-ms');
const fallingHangoverMs = fallingArg > 0 ? Number(process.argv[fallingArg + 1]) : undefined;

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

/** A caller line and where its speech lies in the call's audio (media ms from answer). */
interface CallerLine {
  text: string;
  startMs: number;
  endMs: number;
}

interface PreparedCall {
  scenario: Scenario;
  menu: MenuV1;
  vocabulary: string[];
  lines: CallerLine[];
  wav: Uint8Array;
  trailingSilenceMs: number;
  durationMs: number;
}

/**
 * The caller's audio as test/voice/support/caller-audio.ts makes it (espeak-ng over an 8 kHz
 * μ-law line, silence before each turn), keeping where each line lies.
 */
async function callerAudio(turns: readonly CallerTurn[], tailMs = 3000) {
  const parts: Int16Array[] = [];
  const lines: CallerLine[] = [];
  let samples = 0;
  const push = (part: Int16Array) => {
    parts.push(part);
    samples += part.length;
  };
  for (const turn of turns) {
    push(new Int16Array((turn.silenceBeforeMs * rateHz) / 1000));
    const startMs = (samples / rateHz) * 1000;
    push(
      await synthesiseSpeech(turn.text, { sampleRateHz: rateHz, telephone: true, paddingMs: 0 }),
    );
    lines.push({ text: turn.text, startMs, endMs: (samples / rateHz) * 1000 });
  }
  push(new Int16Array((tailMs * rateHz) / 1000));
  const pcm16 = new Int16Array(samples);
  let offset = 0;
  for (const part of parts) {
    pcm16.set(part, offset);
    offset += part.length;
  }
  return { wav: writeWav(pcm16, rateHz, 'mulaw'), lines, audioMs: (samples / rateHz) * 1000 };
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
  const { wav, lines, audioMs } = await callerAudio(turns);
  return {
    scenario,
    menu,
    vocabulary: menuVocabulary(menu),
    lines,
    wav,
    trailingSilenceMs,
    durationMs: audioMs + trailingSilenceMs,
  };
}

/** A committed caller turn as the bench saw it. */
interface Commit {
  text: string;
  /** Media ms since answer. */
  atMediaMs: number;
  /** Monotonic ms of the `turn_committed` frame: the key of its latency turn. */
  atMs: number;
  /** The turn detector's reason; `other` when the session committed without it (ASR stall). */
  reason: TurnCommitDetail['reason'] | 'other';
  cue: string;
  /** The pitch contour the detector was given at the end of speech. */
  contour: string;
  waitMs: number | undefined;
  /** The recogniser's confidence in the last final before the commit, if it gave one. */
  confidence: number | undefined;
}

interface CallRun {
  call: PreparedCall;
  result: VoiceSessionResult;
  commits: Commit[];
  /** The dialogue's silence turns (the caller said nothing for its timeout). */
  silenceTurns: number;
}

function cueOf(detail: TurnCommitDetail): string {
  const { ending } = detail;
  const cue = ending.kind === 'open' ? 'open' : `${ending.kind}:${ending.cue}`;
  return detail.expected === undefined ? cue : `${cue} (${detail.expected})`;
}

function contourOf({ contour }: TurnCommitDetail): string {
  if (!contour) return 'no contour';
  return `${contour.kind} ${contour.confidence.toFixed(2)}: ${contour.slopeStPerS.toFixed(0)} st/s, end ${contour.endSt.toFixed(1)} st`;
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
  const commits: Commit[] = [];
  let mediaMs = 0;
  let decided: TurnCommitDetail | undefined;
  let silenceTurns = 0;
  let lastConfidence: number | undefined;
  const session = startVoiceSession({
    transport,
    callSession: () => manager.open({ config, channel: 'audio-file' }),
    asr,
    tts,
    vad: (sampleRateHz) =>
      createSpeechSegmenter({ sampleRateHz: sampleRateHz === 16000 ? 16000 : 8000 }),
    turnDetector: {
      onCommit: (detail) => (decided = detail),
      prosody: {
        enabled: prosody === 'on',
        ...(fallingHangoverMs === undefined ? {} : { fallingHangoverMs }),
      },
    },
    onFrame: (frame) => {
      if (frame.kind === 'audio_in') mediaMs += (frame.pcm16.length / frame.sampleRateHz) * 1000;
      if (frame.kind === 'asr_final') lastConfidence = frame.confidence;
      if (frame.kind !== 'turn_committed') return;
      // The dialogue's silence turn (no caller speech for the silence timeout) is no caller turn.
      if (frame.text === '') {
        silenceTurns++;
        return;
      }
      // The detector's decision comes just before the session's frame, in the same call.
      const detail = decided?.text === frame.text ? decided : undefined;
      decided = undefined;
      commits.push({
        text: frame.text,
        atMediaMs: detail?.committedAtMs ?? mediaMs,
        atMs: frame.atMs,
        reason: detail?.reason ?? 'other',
        cue: detail ? cueOf(detail) : 'no detector commit',
        contour: detail ? contourOf(detail) : 'no detector commit',
        waitMs: detail?.waitMs,
        confidence: lastConfidence,
      });
      lastConfidence = undefined;
    },
    language,
    vocabulary: call.vocabulary,
    currency: call.menu.currency,
    signal: AbortSignal.timeout(Math.round(call.durationMs) + 60_000),
  });
  return { call, result: await session.done, commits, silenceTurns };
}

/**
 * How the caller's lines were cut into turns. A commit belongs to the last line that started
 * before it; a line is split when it got more than one commit or was committed before its audio
 * ended (the caller was cut off mid-line), and missed when it got none (merged into the next
 * line, ignored, or not heard as speech).
 */
function lineSegmentation(run: CallRun) {
  const { lines } = run.call;
  const commitsPerLine = lines.map(() => 0);
  const cutOff = lines.map(() => false);
  // A commit this close to the end of the line's audio is its end (frame and VAD granularity).
  const toleranceMs = 40;
  for (const commit of run.commits) {
    let index = -1;
    for (const [k, line] of lines.entries()) if (line.startMs <= commit.atMediaMs) index = k;
    if (index < 0) continue;
    commitsPerLine[index]! += 1;
    if (commit.atMediaMs < lines[index]!.endMs - toleranceMs) cutOff[index] = true;
  }
  return lines.map((line, k) => ({
    line,
    commits: commitsPerLine[k]!,
    split: commitsPerLine[k]! > 1 || cutOff[k]!,
  }));
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
const segmentation = runs.map(lineSegmentation);

for (const [k, run] of runs.entries()) {
  const { call, result } = run;
  const measured = result.turns.filter((turn) => turn.kind === 'speech' && answered(turn)).length;
  const { id, menu, behaviour } = call.scenario;
  if (printTurns) {
    const ttfaAt = new Map(result.turns.map((turn) => [turn.turnCommittedMs, turn.ttfaMs]));
    const lines = segmentation[k]!;
    console.log(`call ${k + 1}:`);
    for (const commit of run.commits) {
      const said = lines.findLast(({ line }) => line.startMs <= commit.atMediaMs)?.line.text;
      const ttfaMs = ttfaAt.get(commit.atMs);
      console.log(
        `  ${(commit.atMediaMs / 1000).toFixed(2).padStart(7)} s  ${commit.reason.padEnd(8)} ` +
          `wait ${String(commit.waitMs ?? '—').padStart(4)}  ttfa ${ttfaMs === undefined ? '   —' : ttfaMs.toFixed(0).padStart(4)}  ` +
          `${commit.cue} [${commit.contour}]\n      said  "${said ?? ''}"\n      heard "${commit.text}" (confidence ${commit.confidence?.toFixed(3) ?? '—'})`,
      );
    }
  }
  console.log(
    `call ${k + 1} ${id} (${menu}, ${behaviour.style}): ${call.lines.length} caller lines, ` +
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
    `espeak-ng; ${runs.length} calls in real time, two at a time, ${callerTurns.length} caller turns; ` +
    `prosody ${prosody}${fallingHangoverMs === undefined ? '' : `, falling hangover ${fallingHangoverMs} ms`}`,
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
console.log(line('asr word lag (turn max)', report.asrWordLagMs));
console.log(line('asr first partial', report.asrPartialLatencyMs));
console.log(line('asr final', report.asrFinalLatencyMs));
console.log(line('dialogue / llm first token', report.dialogueMs));
console.log(line('tts first chunk', report.ttsFirstChunkLatencyMs));
console.log(line('platform overhead', report.platformOverheadMs));
console.log(line('greeting ttfa (from answer)', latencyReport(greetings).ttfaMs));

// Why each turn was committed when it was, and what that cost.
const ttfaByCommit = new Map(callerTurns.map((turn) => [turn.turnCommittedMs, turn.ttfaMs!]));
const commits = runs.flatMap((run) => run.commits);
const cues = new Map<string, number>();
for (const commit of commits) cues.set(commit.cue, (cues.get(commit.cue) ?? 0) + 1);
for (const reason of ['early', 'silence', 'prosody', 'extended', 'other'] as const) {
  const ofReason = commits.filter((commit) => commit.reason === reason);
  const ttfas = ofReason.flatMap((commit) => ttfaByCommit.get(commit.atMs) ?? []);
  console.log(
    line(`ttfa, ${reason} commits`, summarizeLatency(ttfas)) + ` of ${ofReason.length} committed`,
  );
}
console.log(
  `commit cues: ${[...cues.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([cue, count]) => `${cue} ×${count}`)
    .join(', ')}`,
);
const lineCuts = segmentation.flat();
const split = lineCuts.filter((cut) => cut.split).length;
const once = lineCuts.filter((cut) => cut.commits === 1 && !cut.split).length;
const missed = lineCuts.filter((cut) => cut.commits === 0).length;
console.log(
  `caller lines: ${lineCuts.length}; one turn each ${once}; split or cut off (premature) ` +
    `${split} (${((100 * split) / lineCuts.length).toFixed(1)} %); no turn (merged, ignored) ${missed}`,
);
console.log(`calls ending with an order: ${ordered}/${runs.length}`);
console.log(`goal: ${verdict('TTFA', report.ttfaMs, 1000)}`);
// §16's ASR partial latency is the word emission lag (ADR 0017), each turn's slowest word.
console.log(`budget: ${verdict('ASR partial (word lag)', report.asrWordLagMs, 250)}`);
console.log(`budget: ${verdict('LLM first token', report.dialogueMs, 300)}`);
console.log(`budget: ${verdict('TTS first chunk', report.ttsFirstChunkLatencyMs, 250)}`);
