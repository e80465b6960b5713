/**
 * One real-time voice call for the end-to-end tests: the caller's audio is espeak-ng speech over
 * an 8 kHz μ-law WAV, played by the real FileAudioTransport in real time; the Silero VAD, the
 * turn detector, the rules engine over the demo menu (createLocalSessions) and espeak-ng are real.
 * Speech recognition is what the test asks for: pocketsphinx with the menu language model (and
 * the answer models the session's hints switch to), or a ScriptedAsr that "hears" the caller's
 * script (it ignores the audio) where a test checks turn-taking mechanics rather than hearing.
 * VOXERON_E2E_ASR=pocketsphinx|scripted overrides every test's choice.
 */
import { ManualClock } from '../../../src/platform/clock.ts';
import type { AsrProvider } from '../../../src/data/pipeline/asr/asr-provider.ts';
import { ScriptedAsr } from '../../../src/data/pipeline/asr/testing/scripted-asr.ts';
import { menuVocabulary } from '../../../src/data/pipeline/asr/vocabulary.ts';
import type { Frame } from '../../../src/data/pipeline/frames.ts';
import { loadDemoMenu } from '../../../src/data/pipeline/session/testing/voice-call-harness.ts';
import type { VoiceSessionResult } from '../../../src/data/pipeline/session/voice-session.ts';
import { startVoiceSession } from '../../../src/data/pipeline/session/voice-session.ts';
import { FileAudioTransport } from '../../../src/data/pipeline/transport/file-transport.ts';
import { createSpeechSegmenter } from '../../../src/data/pipeline/vad/speech-segmenter.ts';
import { createLocalSessions } from '../../../src/data/session/local-session.ts';
import { DomainLanguageModels } from '../../../src/providers/asr/pocketsphinx/domain-language-model.ts';
import { PocketsphinxAsr } from '../../../src/providers/asr/pocketsphinx/pocketsphinx-asr.ts';
import { EspeakNgTts } from '../../../src/providers/tts/espeak-ng/espeak-ng-tts.ts';
import type { CallerTurn } from './caller-audio.ts';
import { callerWav } from './caller-audio.ts';

export type E2eRecogniser = 'pocketsphinx' | 'scripted';

function recogniserFor(wanted: E2eRecogniser): E2eRecogniser {
  const forced = process.env.VOXERON_E2E_ASR;
  if (forced === undefined || forced === '') return wanted;
  if (forced !== 'pocketsphinx' && forced !== 'scripted')
    throw new Error(`VOXERON_E2E_ASR must be pocketsphinx or scripted, not ${forced}`);
  return forced;
}

export interface E2eCall {
  result: VoiceSessionResult;
  frames: Frame[];
  transport: FileAudioTransport;
  asrName: string;
}

export async function runRealtimeCall(
  turns: readonly CallerTurn[],
  dataDir: string,
  signal: AbortSignal,
  recogniser: E2eRecogniser,
): Promise<E2eCall> {
  const usePocketsphinx = recogniserFor(recogniser) === 'pocketsphinx';
  const menu = loadDemoMenu();
  const vocabulary = menuVocabulary(menu);
  const domainModels = new DomainLanguageModels({ dataDir });
  // As in service, the menu's models are built before calls come (a build takes seconds, longer
  // on a loaded machine, and the caller's first words would be lost while it runs).
  if (usePocketsphinx) await domainModels.modelFor(vocabulary, signal);
  const asr: AsrProvider = usePocketsphinx
    ? new PocketsphinxAsr({ domainModels })
    : new ScriptedAsr({ utterances: turns.map((turn) => ({ text: turn.text })) });
  const transport = FileAudioTransport.fromWav(await callerWav(turns), {
    sampleRateHz: 8000,
    realtime: true,
    trailingSilenceMs: 15_000,
  });
  // Wednesday evening: the demo restaurant is open.
  const { manager, config } = createLocalSessions(menu, {
    clock: new ManualClock(new Date('2026-01-07T19:00:00+01:00')),
  });
  const frames: Frame[] = [];
  const session = startVoiceSession({
    transport,
    callSession: () => manager.open({ config, channel: 'audio-file' }),
    asr,
    tts: new EspeakNgTts(),
    vad: (sampleRateHz) =>
      createSpeechSegmenter({ sampleRateHz: sampleRateHz === 16000 ? 16000 : 8000 }),
    language: 'en-US',
    vocabulary,
    currency: menu.currency,
    signal,
    onFrame: (frame) => {
      if (frame.kind !== 'audio_in' && frame.kind !== 'audio_out') frames.push(frame);
    },
  });
  return { result: await session.done, frames, transport, asrName: asr.name };
}
