/**
 * `voxeron call --voice --in caller.wav --out agent.wav [--menu FILE] [--json]`: a whole voice
 * call from an audio file, through the same voice session a phone call uses, with the local
 * providers (pocketsphinx with the menu's language model, espeak-ng) and the rules engine over
 * the menu in memory. Prints the transcript, the outcome, the order and per-turn latency, and
 * writes the agent's audio aligned to the caller's timeline.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateMenuV1 } from '../../contracts/menu/index.ts';
import type { MenuV1 } from '../../contracts/menu/index.ts';
import { menuVocabulary } from '../../data/pipeline/asr/vocabulary.ts';
import type { AsrProvider } from '../../data/pipeline/asr/asr-provider.ts';
import { latencyReport } from '../../data/pipeline/latency/index.ts';
import type { TurnLatency } from '../../data/pipeline/latency/index.ts';
import { startVoiceSession } from '../../data/pipeline/session/voice-session.ts';
import type { VoiceSessionResult } from '../../data/pipeline/session/voice-session.ts';
import { FileAudioTransport } from '../../data/pipeline/transport/file-transport.ts';
import type { TtsProvider } from '../../data/pipeline/tts/tts-provider.ts';
import { createSpeechSegmenter } from '../../data/pipeline/vad/speech-segmenter.ts';
import { createLocalSessions } from '../../data/session/index.ts';
import type { MemorySessionStore } from '../../data/session/index.ts';
import { systemClock } from '../../platform/clock.ts';
import type { Clock } from '../../platform/clock.ts';
import { errorMessage } from '../../platform/errors.ts';
import { PocketsphinxAsr } from '../../providers/asr/pocketsphinx/pocketsphinx-asr.ts';
import { DomainLanguageModels } from '../../providers/asr/pocketsphinx/domain-language-model.ts';
import { EspeakNgTts } from '../../providers/tts/espeak-ng/espeak-ng-tts.ts';
import type { CliIo } from '../command.ts';
import { UsageError } from '../command.ts';

const execFileAsync = promisify(execFile);

export const voiceUsage = `       voxeron call --voice [--in CALLER.wav] [--out AGENT.wav] [--menu FILE] [--json]

A voice call with the local providers (pocketsphinx, espeak-ng) and the rules engine over a menu
in memory (default: the demo menu). --in: the caller's audio (turns separated by silence), any
WAV (PCM16, μ-law or A-law), played in real time as a phone line would; --out: the agent's
audio, aligned to the caller's timeline. Without --in, the machine's default audio device is
used (sox), if there is one.`;

interface VoiceArgs {
  input: string | undefined;
  output: string | undefined;
  menu: string;
  json: boolean;
}

const demoMenuPath = path.resolve(import.meta.dirname, '../../../data/demo/luigis-pizzeria.json');

function parseVoiceArgs(args: readonly string[]): VoiceArgs {
  const parsed: VoiceArgs = {
    input: undefined,
    output: undefined,
    menu: demoMenuPath,
    json: false,
  };
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    const value = () => {
      const next = args[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      k++;
      return next;
    };
    if (arg === '--voice') continue;
    else if (arg === '--in') parsed.input = value();
    else if (arg === '--out') parsed.output = value();
    else if (arg === '--menu') parsed.menu = value();
    else if (arg === '--json') parsed.json = true;
    else throw new UsageError(`unknown argument for a voice call "${arg}"`);
  }
  return parsed;
}

async function loadMenu(file: string, io: CliIo): Promise<MenuV1 | undefined> {
  try {
    const validation = validateMenuV1(JSON.parse(await readFile(file, 'utf8')));
    if (validation.ok) return validation.menu;
    for (const problem of validation.problems)
      io.stderr.write(`${problem.path}: ${problem.message}\n`);
  } catch (error) {
    io.stderr.write(`voxeron call: cannot read menu ${file}: ${errorMessage(error)}\n`);
  }
  return undefined;
}

/** Checks the local providers once before the call, so a missing one is a clear message. */
async function localProviders(
  vocabulary: readonly string[],
  io: CliIo,
): Promise<{ asr: AsrProvider; tts: TtsProvider } | undefined> {
  const dataDir = path.resolve(process.env.VOXERON_DATA_DIR ?? '.voxeron');
  const asr = new PocketsphinxAsr({ domainModels: new DomainLanguageModels({ dataDir }) });
  const tts = new EspeakNgTts();
  try {
    // Also builds (and caches) the menu language model before the caller is answered.
    const stream = await asr.open({
      sampleRateHz: 8000,
      language: 'en-US',
      vocabulary,
      signal: io.signal,
    });
    await stream.close();
  } catch (error) {
    io.stderr.write(
      `voxeron call: local speech recognition (pocketsphinx) is not available: ${errorMessage(error)}\n` +
        '  install it with: apt-get install libpocketsphinx3 pocketsphinx-en-us\n',
    );
    return undefined;
  }
  try {
    for await (const _chunk of tts.synthesize({
      text: 'ok',
      language: 'en-US',
      sampleRateHz: 8000,
      signal: io.signal,
    }))
      break;
  } catch (error) {
    io.stderr.write(
      `voxeron call: local speech synthesis (espeak-ng) is not available: ${errorMessage(error)}\n` +
        '  install it with: apt-get install espeak-ng\n',
    );
    return undefined;
  }
  return { asr, tts };
}

/** Whether sox can open the default audio input device. */
async function hasAudioDevice(): Promise<boolean> {
  try {
    await execFileAsync('sox', ['-q', '-d', '-n', 'trim', '0', '0.05'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

function formatMs(value: number | undefined): string {
  return value === undefined ? '—' : `${Math.round(value)}`;
}

function latencyLines(turns: readonly TurnLatency[]): string[] {
  const lines = ['turn  kind      ttfa_ms  asr_final_ms  dialogue_ms  tts_first_ms  overhead_ms'];
  for (const turn of turns)
    lines.push(
      [
        String(turn.turn).padEnd(5),
        turn.kind.padEnd(9),
        formatMs(turn.ttfaMs).padStart(7),
        formatMs(turn.asrFinalLatencyMs).padStart(13),
        formatMs(turn.dialogueMs).padStart(12),
        formatMs(turn.ttsFirstChunkLatencyMs).padStart(13),
        formatMs(turn.platformOverheadMs).padStart(12),
      ].join(' '),
    );
  const report = latencyReport(turns);
  lines.push(
    `ttfa p50 ${formatMs(report.ttfaMs.p50Ms)} ms, p95 ${formatMs(report.ttfaMs.p95Ms)} ms; ` +
      `platform overhead p50 ${formatMs(report.platformOverheadMs.p50Ms)} ms, ` +
      `p95 ${formatMs(report.platformOverheadMs.p95Ms)} ms`,
  );
  return lines;
}

function printResult(
  result: VoiceSessionResult,
  store: MemorySessionStore,
  io: CliIo,
  json: boolean,
) {
  const session = result.callSession;
  if (!session) {
    io.stderr.write(`voxeron call: the call did not start: ${result.failures.join('; ')}\n`);
    return;
  }
  if (json) {
    const summary = {
      session_id: session.ref.sessionId,
      outcome: session.outcome ?? null,
      end_reason: result.endReason,
      order_reference: session.order?.orderReference ?? null,
      order: session.order?.documents.draft.lines ?? session.state.lines,
      transcript: session.transcript,
      events: store.eventsOf(session.ref.sessionId).map((event) => event.type),
      interruptions: result.interruptions,
      failures: result.failures,
      latency: result.turns,
    };
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  for (const entry of session.transcript) {
    const speaker = entry.speaker === 'agent' ? 'agent>' : 'you>  ';
    io.stdout.write(`${speaker} ${entry.text}${entry.interrupted ? ' [interrupted]' : ''}\n`);
  }
  io.stdout.write(`\noutcome: ${session.outcome ?? 'none'} (${result.endReason})\n`);
  if (session.order) {
    io.stdout.write(`order ${session.order.orderReference}:\n`);
    for (const line of session.order.documents.draft.lines)
      io.stdout.write(`  ${line.quantity}x ${[line.size, line.item].filter(Boolean).join(' ')}\n`);
  }
  if (result.failures.length > 0) io.stdout.write(`failures: ${result.failures.join('; ')}\n`);
  io.stdout.write(`\n${latencyLines(result.turns).join('\n')}\n`);
}

export async function runVoiceCall(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseVoiceArgs(args);
  if (parsed.input === undefined) {
    if (!(await hasAudioDevice())) {
      io.stderr.write(
        'voxeron call: no audio device found (sox cannot open the default input). ' +
          'Use --in CALLER.wav to play a call from a file.\n',
      );
      return 1;
    }
    io.stderr.write(
      'voxeron call: calls over the audio device are not supported yet; use --in CALLER.wav\n',
    );
    return 1;
  }
  let wav: Uint8Array;
  try {
    wav = await readFile(parsed.input);
  } catch (error) {
    io.stderr.write(`voxeron call: cannot read ${parsed.input}: ${errorMessage(error)}\n`);
    return 1;
  }
  const menu = await loadMenu(parsed.menu, io);
  if (!menu) return 1;
  const vocabulary = menuVocabulary(menu);
  const providers = await localProviders(vocabulary, io);
  if (!providers) return 1;
  const clock: Clock = systemClock;
  let transport: FileAudioTransport;
  try {
    transport = FileAudioTransport.fromWav(wav, {
      sampleRateHz: 8000,
      realtime: true,
      trailingSilenceMs: 20_000,
      clock,
    });
  } catch (error) {
    io.stderr.write(
      `voxeron call: ${parsed.input} is not a WAV file we can read: ${errorMessage(error)}\n`,
    );
    return 1;
  }
  const { manager, config, store } = createLocalSessions(menu, { clock });
  const session = startVoiceSession({
    transport,
    callSession: () => manager.open({ config, channel: 'audio-file', signal: io.signal }),
    asr: providers.asr,
    tts: providers.tts,
    vad: (sampleRateHz) =>
      createSpeechSegmenter({ sampleRateHz: sampleRateHz === 16000 ? 16000 : 8000 }),
    language: 'en-US',
    vocabulary,
    currency: menu.currency,
    clock,
    signal: io.signal,
  });
  const result = await session.done;
  if (parsed.output !== undefined) await writeFile(parsed.output, transport.toWav());
  printResult(result, store as MemorySessionStore, io, parsed.json);
  return result.callSession ? 0 : 1;
}
