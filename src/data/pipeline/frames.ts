/**
 * The typed frames that flow through a voice session. Timestamps (`atMs`) are on one monotonic
 * clock (platform/clock `monotonicMs`), so per-stage latency is a subtraction (ARCHITECTURE §4).
 * Audio inside the pipeline is PCM16 at the frame's `sampleRateHz`.
 */
import type { SampleRateHz } from './audio/audio-format.ts';

export type Frame =
  /** Caller audio from the transport, decoded to PCM16 (normally one 20 ms frame). */
  | { kind: 'audio_in'; pcm16: Int16Array; sampleRateHz: SampleRateHz; atMs: number }
  /** Agent audio handed to the transport. */
  | {
      kind: 'audio_out';
      pcm16: Int16Array;
      sampleRateHz: SampleRateHz;
      utteranceId: string;
      atMs: number;
    }
  | { kind: 'vad'; event: 'speech_start' | 'speech_end'; atMs: number }
  | { kind: 'asr_partial'; text: string; atMs: number }
  | { kind: 'asr_final'; text: string; confidence: number | undefined; atMs: number }
  /** The turn detector decided the caller has finished; `text` goes to the dialogue. */
  | { kind: 'turn_committed'; text: string; atMs: number }
  /** Agent reply text as the dialogue policy produces it (streamed in chunks). */
  | { kind: 'response_text'; text: string; utteranceId: string; final: boolean; atMs: number }
  | {
      kind: 'tts_audio';
      pcm16: Int16Array;
      sampleRateHz: SampleRateHz;
      utteranceId: string;
      atMs: number;
    }
  /** Playback reached a point in the agent's audio (echoed back by the transport). */
  | { kind: 'mark'; name: string; utteranceId: string; atMs: number }
  /** The caller barged in: agent audio stops and the buffered audio is cleared. */
  | { kind: 'interruption'; utteranceId: string; atMs: number }
  | { kind: 'dtmf'; digit: string; atMs: number };

export type FrameKind = Frame['kind'];
export type FrameOf<K extends FrameKind> = Extract<Frame, { kind: K }>;
