/**
 * One voice call on scripted parts, for tests and benches of the voice session: the demo menu in
 * the rules engine (memory store), a ScriptedAsr that answers at once, a ToneTts, the real VAD
 * segmenter on an energy classifier, and a TimelineTransport playing the caller's script.
 */
import { readFileSync } from 'node:fs';
import type { MenuV1 } from '../../../../contracts/menu/index.ts';
import { validateMenuV1 } from '../../../../contracts/menu/index.ts';
import { ManualClock } from '../../../../platform/clock.ts';
import type { RuntimePolicyInput } from '../../../blueprint/index.ts';
import type { LocalSessionSetup } from '../../../session/local-session.ts';
import { createLocalSessions } from '../../../session/local-session.ts';
import type { MemorySessionStore } from '../../../session/memory-store.ts';
import type { ScriptedUtterance } from '../../asr/testing/scripted-asr.ts';
import { ScriptedAsr } from '../../asr/testing/scripted-asr.ts';
import type { Frame } from '../../frames.ts';
import type { TtsProvider } from '../../tts/tts-provider.ts';
import { ProbabilitySegmenter } from '../../vad/speech-segmenter.ts';
import type { VoiceSessionOptions, VoiceSessionResult } from '../voice-session.ts';
import { startVoiceSession } from '../voice-session.ts';
import { energyClassifier } from './energy-classifier.ts';
import type { CallerStep } from './timeline-transport.ts';
import { TimelineTransport } from './timeline-transport.ts';
import type { ToneTtsOptions } from './tone-tts.ts';
import { ToneTts } from './tone-tts.ts';

let demoMenu: MenuV1 | undefined;

/** data/demo/luigis-pizzeria.json, validated once. */
export function loadDemoMenu(): MenuV1 {
  if (demoMenu) return demoMenu;
  const path = new URL('../../../../../data/demo/luigis-pizzeria.json', import.meta.url);
  const validation = validateMenuV1(JSON.parse(readFileSync(path, 'utf8')));
  if (!validation.ok) throw new Error('the demo menu is invalid');
  demoMenu = validation.menu;
  return demoMenu;
}

/** What a caller says in a complete pickup order of the demo menu, one turn each. */
export const pickupOrderTurns = [
  'two large margherita pizzas with thin crust',
  "no that's all",
  'pickup',
  'John Smith',
  '0612345678',
  // The number read back ("I have your number as 06 1234 5678. Is that right?").
  'yes',
  'yes',
] as const;

/** Speech bursts answering each agent turn after it has finished talking. */
export function answerEach(count: number, speechMs = 800): CallerStep[] {
  return Array.from({ length: count }, () => [{ untilAgentQuietMs: 300 }, { speechMs }]).flat();
}

export interface VoiceCallHarnessOptions {
  script: readonly CallerStep[];
  utterances: readonly ScriptedUtterance[];
  tts?: TtsProvider;
  toneTts?: ToneTtsOptions;
  runtime?: RuntimePolicyInput;
  session?: Partial<VoiceSessionOptions>;
  maxCallMs?: number;
  /** ASR waits: none (default) or real timers (benches). */
  asrDelay?: (durationMs: number, signal: AbortSignal) => Promise<void>;
  tick?: () => Promise<void>;
  /** Shared by many calls (benches): one context engine and its warm cache, as in production. */
  sessions?: LocalSessionSetup;
  /** Keep every frame and the agent's audio (tests); benches turn it off to measure the session. @default true */
  record?: boolean;
}

/** The demo menu in the rules engine, open (a Wednesday evening clock). */
export function demoSessions(options: { runtime?: RuntimePolicyInput; ttlMs?: number } = {}) {
  return createLocalSessions(loadDemoMenu(), {
    clock: new ManualClock(new Date('2026-01-07T19:00:00+01:00')),
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
  });
}

export interface VoiceCallRun {
  result: VoiceSessionResult;
  transport: TimelineTransport;
  asr: ScriptedAsr;
  tts: TtsProvider;
  frames: Frame[];
  /** The call timeline (ms) at which each frame of `frames` happened. */
  frameTimelineMs: number[];
  store: MemorySessionStore;
}

/** Runs one whole call and returns what happened. */
export async function runVoiceCall(options: VoiceCallHarnessOptions): Promise<VoiceCallRun> {
  const { manager, config, store } =
    options.sessions ?? demoSessions(options.runtime ? { runtime: options.runtime } : {});
  const asr = new ScriptedAsr({
    utterances: options.utterances,
    delay: options.asrDelay ?? (() => Promise.resolve()),
  });
  const tts = options.tts ?? new ToneTts(options.toneTts);
  const transport = new TimelineTransport({
    script: options.script,
    maxCallMs: options.maxCallMs ?? 120_000,
    record: options.record ?? true,
    ...(options.tick ? { tick: options.tick } : {}),
  });
  const frames: Frame[] = [];
  const frameTimelineMs: number[] = [];
  const session = startVoiceSession({
    transport,
    callSession: () => manager.open({ config, channel: 'audio-file' }),
    asr,
    tts,
    vad: (sampleRateHz) =>
      Promise.resolve(
        new ProbabilitySegmenter(energyClassifier(), {
          sampleRateHz: sampleRateHz === 16000 ? 16000 : 8000,
          minSpeechMs: 100,
          hangoverMs: 300,
        }),
      ),
    turnDetector: { hangoverMs: 200 },
    language: 'en-US',
    currency: 'EUR',
    onFrame: (frame) => {
      if (options.record === false && (frame.kind === 'audio_in' || frame.kind === 'audio_out'))
        return;
      frames.push(frame);
      frameTimelineMs.push(transport.timelineMs);
    },
    ...options.session,
  });
  const result = await session.done;
  return { result, transport, asr, tts, frames, frameTimelineMs, store };
}

export function committedTexts(frames: readonly Frame[]): string[] {
  return frames.flatMap((frame) => (frame.kind === 'turn_committed' ? [frame.text] : []));
}
