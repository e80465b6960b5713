/**
 * `voxeron call --voice [--in caller.wav --out agent.wav] [--menu FILE | --tenant ID] [--json]`: a
 * whole voice call from an audio file, or without `--in` over the machine's microphone and
 * speaker (`DeviceAudioTransport`), through the same voice session a phone call uses, with the
 * providers vendor routing chooses (`voice-routing.ts`: by default the local pocketsphinx with the
 * menu's language model and espeak-ng; cloud vendors when a policy routes to them and their API
 * key is set) and the rules engine over the menu in memory, or a tenant's menu and session store
 * in the database. Prints the route, the transcript, the outcome, the order and per-turn
 * latency, and writes the agent's audio aligned to the caller's timeline.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { validateMenuV1 } from '../../contracts/menu/index.ts';
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { ModelPolicy, VendorRoute } from '../../contracts/routing/index.ts';
import { demoTenant, ensureDemoTenant } from '../../control/tenants/demo-tenant.ts';
import type { SessionConfig } from '../../data/blueprint/index.ts';
import { menuVocabulary } from '../../data/pipeline/asr/vocabulary.ts';
import type { AsrProvider } from '../../data/pipeline/asr/asr-provider.ts';
import { latencyReport } from '../../data/pipeline/latency/index.ts';
import type { TurnLatency } from '../../data/pipeline/latency/index.ts';
import { startVoiceSession } from '../../data/pipeline/session/voice-session.ts';
import type { VoiceSessionResult } from '../../data/pipeline/session/voice-session.ts';
import type { AudioTransport } from '../../data/pipeline/transport/audio-transport.ts';
import {
  DeviceAudioTransport,
  audioHostProblem,
  isAudioDeviceUnavailable,
} from '../../data/pipeline/transport/device-transport.ts';
import { FileAudioTransport } from '../../data/pipeline/transport/file-transport.ts';
import type { TtsProvider } from '../../data/pipeline/tts/tts-provider.ts';
import { createSpeechSegmenter } from '../../data/pipeline/vad/speech-segmenter.ts';
import { VendorFailoverRecorder } from '../../data/routing/index.ts';
import {
  ContextEngine,
  PostgresLocationSource,
  PostgresSessionStore,
  SessionManager,
  ToolRunner,
  createLocalSessions,
} from '../../data/session/index.ts';
import { systemClock } from '../../platform/clock.ts';
import type { Clock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { AbortedError, errorMessage } from '../../platform/errors.ts';
import { createLogger } from '../../platform/log/index.ts';
import { loadRuntimeSnapshot } from '../../platform/runtime-controls/index.ts';
import type { CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';
import { tenantConfig } from './tenant-session-config.ts';
import {
  buildVoiceRoute,
  createVoiceProviderRegistry,
  describeRoute,
  loadModelPolicies,
  loadTenantRoutingTraits,
  localRoutingTraits,
  recordVendorFailover,
  recordVendorRouted,
  routeSummary,
  routedVoiceProviders,
  vendorKeysFromEnv,
} from './voice-routing.ts';
import type { VoiceProviderRegistry, VoiceRoutingTraits } from './voice-routing.ts';

export const voiceUsage = `       voxeron call --voice [--in CALLER.wav] [--out AGENT.wav] [--menu FILE | --tenant ID] [--json]

A voice call with the rules engine over a menu in memory (default: the demo menu), or with
--tenant over a tenant's menu in the database (its session and events written for real). Speech
providers are chosen by vendor routing: the model policies and vendor_off kill switches in the
database with --tenant, else the built-in defaults (pocketsphinx, espeak-ng); cloud vendors only
when their key is set (DEEPGRAM_API_KEY, ELEVENLABS_API_KEY). --in: the caller's audio (turns
separated by silence), any WAV (PCM16, μ-law or A-law), played in real time as a phone line
would; --out: the agent's audio, aligned to the caller's timeline. Without --in, you talk to the
agent through the machine's default microphone and speaker (sox's rec and play, 16 kHz; Ctrl-C
hangs up); on a machine without an audio device, pass --in CALLER.wav --out AGENT.wav.`;

interface VoiceArgs {
  input: string | undefined;
  output: string | undefined;
  menu: string;
  tenant: string | undefined;
  json: boolean;
}

const demoMenuPath = path.resolve(import.meta.dirname, '../../../data/demo/luigis-pizzeria.json');

function parseVoiceArgs(args: readonly string[]): VoiceArgs {
  const parsed: VoiceArgs = {
    input: undefined,
    output: undefined,
    menu: demoMenuPath,
    tenant: undefined,
    json: false,
  };
  let menuGiven = false;
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
    else if (arg === '--menu') {
      parsed.menu = value();
      menuGiven = true;
    } else if (arg === '--tenant') parsed.tenant = value();
    else if (arg === '--json') parsed.json = true;
    else throw new UsageError(`unknown argument for a voice call "${arg}"`);
  }
  if (menuGiven && parsed.tenant !== undefined)
    throw new UsageError('use --menu or --tenant, not both');
  if (parsed.output !== undefined && parsed.input === undefined)
    throw new UsageError("--out needs --in: it records the agent's side of a call from a file");
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

/**
 * Checks the routed providers once before the call, so a missing one is a clear message. Opening
 * the recogniser also builds (and caches) the menu language model before the caller is answered.
 */
async function checkProviders(
  providers: { asr: AsrProvider; tts: TtsProvider },
  vocabulary: readonly string[],
  language: string,
  io: CliIo,
): Promise<boolean> {
  const { asr, tts } = providers;
  try {
    const stream = await asr.open({ sampleRateHz: 8000, language, vocabulary, signal: io.signal });
    await stream.close();
  } catch (error) {
    io.stderr.write(
      `voxeron call: speech recognition (${asr.name}) is not available: ${errorMessage(error)}\n` +
        (asr.name.includes('pocketsphinx')
          ? '  install it with: apt-get install libpocketsphinx3 pocketsphinx-en-us\n'
          : ''),
    );
    return false;
  }
  try {
    for await (const _chunk of tts.synthesize({
      text: 'ok',
      language,
      sampleRateHz: 8000,
      signal: io.signal,
    }))
      break;
  } catch (error) {
    io.stderr.write(
      `voxeron call: speech synthesis (${tts.name}) is not available: ${errorMessage(error)}\n` +
        (tts.name.includes('espeak-ng') ? '  install it with: apt-get install espeak-ng\n' : ''),
    );
    return false;
  }
  return true;
}

/** Where the caller's audio comes from: a WAV file, or the machine's microphone and speaker. */
type CallAudio = { kind: 'file'; wav: Uint8Array } | { kind: 'device' };

/** The microphone is wideband: the recognisers do better at 16 kHz than at the phone's 8. */
const deviceRateHz = 16000;

/**
 * Opens the audio device (the recorder delivers audio, the player starts), or says in one line
 * why not and what to do instead.
 */
async function openAudioDevice(io: CliIo): Promise<DeviceAudioTransport | undefined> {
  try {
    return await DeviceAudioTransport.start({ sampleRateHz: deviceRateHz }, io.signal);
  } catch (error) {
    if (error instanceof AbortedError) return undefined;
    const why = isAudioDeviceUnavailable(error) ? error.summary : errorMessage(error);
    const host = audioHostProblem();
    io.stderr.write(
      `voxeron call: no audio device found (${why}${host ? `; ${host}` : ''}); ` +
        'pass --in CALLER.wav --out AGENT.wav to call from audio files\n',
    );
    return undefined;
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
  events: readonly string[],
  routing: { route: VendorRoute; registry: VoiceProviderRegistry },
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
      ...routeSummary(routing.route, routing.registry),
      outcome: session.outcome ?? null,
      end_reason: result.endReason,
      order_reference: session.order?.orderReference ?? null,
      order: session.order?.documents.draft.lines ?? session.state.lines,
      transcript: session.transcript,
      events,
      interruptions: result.interruptions,
      failures: result.failures,
      latency: result.turns,
    };
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  io.stdout.write(`${describeRoute(routing.route, routing.registry).join('\n')}\n\n`);
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
  let audio: CallAudio;
  if (parsed.input === undefined) {
    // Fail fast, before the menu, the database and the speech providers are set up; the call
    // opens the device again once they are, so no audio piles up meanwhile.
    const probe = await openAudioDevice(io);
    if (!probe) return 1;
    await probe.close('device check');
    audio = { kind: 'device' };
  } else {
    try {
      audio = { kind: 'file', wav: await readFile(parsed.input) };
    } catch (error) {
      io.stderr.write(`voxeron call: cannot read ${parsed.input}: ${errorMessage(error)}\n`);
      return 1;
    }
  }
  if (parsed.tenant !== undefined) return runWithTenant(parsed.tenant, parsed, audio, io);
  const menu = await loadMenu(parsed.menu, io);
  if (!menu) return 1;
  const clock: Clock = systemClock;
  const { manager, config, store } = createLocalSessions(menu, { clock });
  return playCall({
    args: parsed,
    audio,
    io,
    menu,
    manager,
    config,
    clock,
    traits: localRoutingTraits(config),
    policies: [],
    events: async (sessionId) => store.eventsOf(sessionId).map((event) => event.type),
  });
}

/** Everything a call needs besides the audio: the menu, the sessions, what routing decides on. */
interface CallSetup {
  args: VoiceArgs;
  audio: CallAudio;
  io: CliIo;
  menu: MenuV1;
  manager: SessionManager;
  config: SessionConfig;
  clock: Clock;
  traits: VoiceRoutingTraits;
  policies: readonly ModelPolicy[];
  controls?: { isVendorOff(vendor: string, tenantId?: string): boolean };
  /** With a database, the route and each failover are recorded (`VendorRouted`, `VendorFailover`). */
  db?: Database;
  events: (sessionId: string) => Promise<string[]>;
}

/** A voice call against a tenant in the database: its menu, policies, kill switches, store. */
async function runWithTenant(
  tenantId: string,
  args: VoiceArgs,
  audio: CallAudio,
  io: CliIo,
): Promise<number> {
  const logger = createLogger({
    level: 'warn',
    destination: pino.destination({ fd: 2, sync: true }),
  });
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(loadConfig(), logger, { signal: io.signal, attachToRunning: true });
  } catch (error) {
    return reportStartupError(error, io);
  }
  const db = opened.db;
  try {
    if (tenantId === demoTenant.tenantId) await ensureDemoTenant(db, io.signal);
    const config = await tenantConfig(db, tenantId);
    const traits = await loadTenantRoutingTraits(db, tenantId, io.signal);
    if (!config || !traits) {
      io.stderr.write(`voxeron call: tenant ${tenantId} has no location with an active menu\n`);
      return 1;
    }
    const source = new PostgresLocationSource(db);
    const stored = (await source.getMenu(tenantId, config.overlay.locationId, io.signal)) as {
      menu: unknown;
    };
    const validation = validateMenuV1(stored.menu);
    if (!validation.ok) {
      io.stderr.write(`voxeron call: tenant ${tenantId} has an invalid active menu\n`);
      return 1;
    }
    // One look at the kill switches as the call starts is all a one-call process needs.
    const controls = await loadRuntimeSnapshot(db, io.signal);
    const clock: Clock = systemClock;
    const manager = new SessionManager({
      store: new PostgresSessionStore(db),
      context: new ContextEngine(new ToolRunner(source)),
      overflowOff: (tenant, location) => controls.isOverflowOff(tenant, location),
      logger,
      clock,
    });
    return await playCall({
      args,
      audio,
      io,
      menu: validation.menu,
      manager,
      config,
      clock,
      traits,
      policies: await loadModelPolicies(db, io.signal),
      controls,
      db,
      events: async (sessionId) => {
        const rows = await db.withTenant(tenantId, (tx) =>
          tx.query<{ type: string }>('select type from events where session_id = $1 order by seq', [
            sessionId,
          ]),
        );
        return rows.rows.map((row) => row.type);
      },
    });
  } finally {
    await opened.close();
  }
}

async function playCall(setup: CallSetup): Promise<number> {
  const { args: parsed, io, menu, manager, config, clock } = setup;
  const vocabulary = menuVocabulary(menu);
  const keys = vendorKeysFromEnv();
  const registry = createVoiceProviderRegistry({ keys });
  let route: VendorRoute;
  try {
    route = buildVoiceRoute({
      traits: setup.traits,
      policies: setup.policies,
      ...(setup.controls ? { controls: setup.controls } : {}),
      registry,
    });
  } catch (error) {
    io.stderr.write(`voxeron call: no speech providers for this call: ${errorMessage(error)}\n`);
    return 1;
  }
  const db = setup.db;
  const failovers = new VendorFailoverRecorder({
    ...(db
      ? { sink: (ref, payload, signal) => recordVendorFailover(db, ref, payload, signal) }
      : {}),
    secrets: [keys.deepgramApiKey, keys.elevenLabsApiKey].filter((key) => key !== undefined),
    onRecordError: (error) =>
      io.stderr.write(`voxeron call: a failover was not recorded: ${errorMessage(error)}\n`),
    clock,
    signal: io.signal,
  });
  const providers = routedVoiceProviders(route, registry, {
    onFailover: (event) => {
      io.stderr.write(
        `voxeron call: ${event.stage} failover ${event.from.vendor} → ${event.to?.vendor ?? 'none'} (${event.reason})\n`,
      );
      failovers.onFailover(event);
    },
  });
  if (!(await checkProviders(providers, vocabulary, route.locale, io))) return 1;
  const transport = await openTransport(setup);
  if (!transport) return 1;
  const session = startVoiceSession({
    transport,
    callSession: async () => {
      const opened = await manager.open({ config, channel: 'audio-file', signal: io.signal });
      // Observability, not the call: a failed write is reported and the caller still answered.
      if (db)
        await recordVendorRouted(db, opened.ref, route, io.signal).catch((error: unknown) =>
          io.stderr.write(`voxeron call: the route was not recorded: ${errorMessage(error)}\n`),
        );
      failovers.attach(opened);
      return opened;
    },
    asr: providers.asr,
    tts: providers.tts,
    vad: (sampleRateHz) =>
      createSpeechSegmenter({ sampleRateHz: sampleRateHz === 16000 ? 16000 : 8000 }),
    language: route.locale,
    vocabulary,
    currency: menu.currency,
    clock,
    signal: io.signal,
  });
  const result = await session.done;
  await failovers.flush();
  if (parsed.output !== undefined && transport instanceof FileAudioTransport)
    await writeFile(parsed.output, transport.toWav());
  const events = result.callSession ? await setup.events(result.callSession.ref.sessionId) : [];
  printResult(result, events, { route, registry }, io, parsed.json);
  return result.callSession ? 0 : 1;
}

/** The call's transport: the caller file played in real time, or the audio device. */
async function openTransport(setup: CallSetup): Promise<AudioTransport | undefined> {
  const { audio, io } = setup;
  if (audio.kind === 'device') {
    const transport = await openAudioDevice(io);
    if (transport)
      io.stderr.write(
        'voxeron call: on the audio device — speak after the greeting; Ctrl-C hangs up\n',
      );
    return transport;
  }
  try {
    return FileAudioTransport.fromWav(audio.wav, {
      sampleRateHz: 8000,
      realtime: true,
      trailingSilenceMs: 20_000,
      clock: setup.clock,
    });
  } catch (error) {
    io.stderr.write(
      `voxeron call: ${setup.args.input} is not a WAV file we can read: ${errorMessage(error)}\n`,
    );
    return undefined;
  }
}
