/** What a voice session is made of, and what it reports when the call is over. */
import type { SessionOutcome } from '../../../contracts/events/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Logger } from '../../../platform/log/index.ts';
import type { CallSession } from '../../session/session-manager.ts';
import type { AsrProvider } from '../asr/asr-provider.ts';
import type { Frame } from '../frames.ts';
import type { VoiceLatencyMetrics } from '../latency/latency-metrics.ts';
import type { TurnLatency } from '../latency/turn-latency.ts';
import type { AudioTransport } from '../transport/audio-transport.ts';
import type { TtsProvider } from '../tts/tts-provider.ts';
import type { TurnDetectorOptions } from '../turn/turn-detector.ts';
import type { SpeechSegmenterFactory } from './speech-segmenter.ts';

export interface BargeInPolicy {
  /** Runtime policy `bargeIn`: off → caller speech during agent audio is ignored. */
  enabled: boolean;
  /** Caller speech shorter than this never stops the agent (coughs, clicks, "hm"). */
  minSpeechMs: number;
}

export interface VoiceSessionOptions {
  transport: AudioTransport;
  /** An opened session (its greeting ready), or a factory that opens one when the call is answered. */
  callSession: CallSession | (() => Promise<CallSession>);
  /** Usually the routing layer's FailoverAsr / FailoverTts, which switch vendors themselves. */
  asr: AsrProvider;
  tts: TtsProvider;
  vad: SpeechSegmenterFactory;
  turnDetector?: TurnDetectorOptions;
  /** BCP 47, e.g. 'en-US'. */
  language: string;
  /** Menu words for the recogniser (asr/vocabulary `menuVocabulary`). */
  vocabulary?: readonly string[];
  voice?: string;
  /** ISO 4217 code used when prices are spoken. */
  currency?: string;
  /** @default `{ enabled: runtime.bargeIn, minSpeechMs: 400 }` */
  bargeIn?: BargeInPolicy;
  /** Caller silence (media time) before the dialogue's silence turn. @default runtime.silenceTimeoutMs */
  silenceTimeoutMs?: number;
  /** Media time after the end of speech without a commit before the ASR counts as stalled. @default 3000 */
  asrStallMs?: number;
  /** Media time after the end-of-speech flush to wait for the ASR final before committing on the partial. @default 600 */
  asrFinalWaitMs?: number;
  /** Media time after the last DTMF digit before the digits are one turn ('#' commits at once). @default 2000 */
  dtmfCommitMs?: number;
  clock?: Clock;
  /** Aborting it hangs up. */
  signal?: AbortSignal;
  /** Every frame of the call as it happens (tests, recording, metrics). Must not throw. */
  onFrame?: (frame: Frame) => void;
  metrics?: VoiceLatencyMetrics;
  logger?: Logger;
}

export type VoiceSessionEndReason =
  /** The dialogue ended and its last words were played. */
  | 'dialogue_ended'
  /** The caller hung up or the stream ended. */
  | 'transport_closed'
  | 'aborted'
  /** The session could not start (no call session, no VAD). */
  | 'failed';

export interface VoiceSessionResult {
  endReason: VoiceSessionEndReason;
  callSession: CallSession | undefined;
  outcome: SessionOutcome | undefined;
  /** Per-turn latency, the greeting first. */
  turns: TurnLatency[];
  /** Barge-ins that stopped the agent, and how many of those turned out not to be a turn. */
  interruptions: number;
  falseInterruptions: number;
  /** What failed along the way (ASR lost, TTS failed, ...), for the call record. */
  failures: string[];
}
