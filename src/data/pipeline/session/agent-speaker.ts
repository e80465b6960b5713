/**
 * The agent's mouth: splits a reply into sentences, normalises each for speech, synthesises them
 * one after the other and queues the audio on the transport as chunks arrive, so the first
 * sentence plays while later ones are still being synthesised. A mark after each sentence tells
 * what the caller actually heard.
 */
import type { Clock } from '../../../platform/clock.ts';
import { errorMessage, isRetryable } from '../../../platform/errors.ts';
import { resamplePcm16 } from '../audio/resample.ts';
import type { Frame } from '../frames.ts';
import type { AudioTransport } from '../transport/audio-transport.ts';
import { normalizeForSpeech } from '../tts/normalize.ts';
import { SentenceChunker } from '../tts/sentence-chunker.ts';
import type { TtsProvider } from '../tts/tts-provider.ts';
import { AgentUtterance, parseSentenceMark, sentenceMark } from './agent-utterance.ts';

export interface AgentSpeakerHooks {
  /** First synthesis request / first chunk back / first audio handed to the transport. */
  ttsRequested(utterance: AgentUtterance, atMs: number): void;
  ttsFirstChunk(utterance: AgentUtterance, atMs: number): void;
  firstAudioOut(utterance: AgentUtterance, atMs: number): void;
  /** Synthesis failed for good; the utterance settles as 'failed'. */
  failed(utterance: AgentUtterance, error: unknown): void;
}

export interface AgentSpeakerOptions {
  transport: AudioTransport;
  tts: TtsProvider;
  language: string;
  voice?: string;
  currency?: string;
  clock: Clock;
  /** The session's signal: aborting it stops every synthesis. */
  signal: AbortSignal;
  emit: (frame: Frame) => void;
  hooks: AgentSpeakerHooks;
}

/** Splits reply text into the sentences synthesised and marked one by one. */
export function splitSentences(text: string): string[] {
  const chunker = new SentenceChunker();
  return [...chunker.push(text), ...chunker.flush()]
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

export class AgentSpeaker {
  private current: AgentUtterance | undefined;
  private synthesis: AbortController | undefined;
  private sequence = 0;
  private readonly tasks = new Set<Promise<void>>();

  constructor(private readonly options: AgentSpeakerOptions) {}

  /** True while an utterance is being synthesised or its audio is still to be played. */
  get active(): boolean {
    return this.current !== undefined && this.current.end === undefined;
  }

  get utterance(): AgentUtterance | undefined {
    return this.current;
  }

  /**
   * Starts saying `text` (or the given sentences); stops whatever was being said. `onCreated`
   * runs before synthesis starts (hooks fire from then on).
   */
  speak(
    text: string | readonly string[],
    onCreated?: (utterance: AgentUtterance) => void,
  ): AgentUtterance {
    this.interrupt();
    const sentences = typeof text === 'string' ? splitSentences(text) : [...text];
    const utterance = new AgentUtterance(`u${++this.sequence}`, sentences);
    this.current = utterance;
    onCreated?.(utterance);
    if (sentences.length === 0) {
      utterance.settle('played');
      return utterance;
    }
    const synthesis = new AbortController();
    this.synthesis = synthesis;
    const abortSynthesis = () => synthesis.abort(this.options.signal.reason);
    this.options.signal.addEventListener('abort', abortSynthesis, { once: true });
    const task = this.synthesize(utterance, synthesis.signal).finally(() => {
      this.options.signal.removeEventListener('abort', abortSynthesis);
      this.tasks.delete(task);
    });
    this.tasks.add(task);
    return utterance;
  }

  /** A mark came back from the transport. */
  handleMark(name: string, played: boolean): void {
    const mark = parseSentenceMark(name);
    const utterance = this.current;
    if (!mark || !utterance || mark.utteranceId !== utterance.id || !played) return;
    if (mark.index + 1 > utterance.playedCount) utterance.playedCount = mark.index + 1;
    this.options.emit({
      kind: 'mark',
      name,
      utteranceId: utterance.id,
      atMs: this.options.clock.monotonicMs(),
    });
    if (utterance.playedCount === utterance.sentences.length) utterance.settle('played');
  }

  /**
   * Stops the agent now: aborts synthesis and drops the queued audio. Returns the utterance that
   * was cut (its `playedCount` says what was heard), or undefined when nothing was playing.
   */
  interrupt(): AgentUtterance | undefined {
    const utterance = this.current;
    if (!utterance || utterance.end !== undefined) return undefined;
    utterance.settle('interrupted');
    this.synthesis?.abort();
    this.options.transport.clear();
    return utterance;
  }

  /** Resolves when no synthesis task is running any more. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  private async synthesize(utterance: AgentUtterance, signal: AbortSignal): Promise<void> {
    const { transport, tts, clock, hooks, emit } = this.options;
    const rateHz = transport.sampleRateHz;
    let requested = false;
    let firstChunk = false;
    for (let index = 0; index < utterance.sentences.length; index++) {
      const spoken = normalizeForSpeech(utterance.sentences[index]!, {
        language: this.options.language,
        ...(this.options.currency ? { currency: this.options.currency } : {}),
      });
      for (let attempt = 0; ; attempt++) {
        let producedAudio = false;
        try {
          if (!requested) hooks.ttsRequested(utterance, clock.monotonicMs());
          requested = true;
          for await (const chunk of tts.synthesize({
            text: spoken,
            language: this.options.language,
            ...(this.options.voice ? { voice: this.options.voice } : {}),
            sampleRateHz: rateHz,
            signal,
          })) {
            if (signal.aborted || utterance.end !== undefined) return;
            if (!firstChunk) hooks.ttsFirstChunk(utterance, clock.monotonicMs());
            const pcm16 =
              chunk.sampleRateHz === rateHz
                ? chunk.pcm16
                : resamplePcm16(chunk.pcm16, chunk.sampleRateHz, rateHz);
            if (pcm16.length === 0) continue;
            transport.play(pcm16);
            const atMs = clock.monotonicMs();
            if (!firstChunk) hooks.firstAudioOut(utterance, atMs);
            firstChunk = true;
            producedAudio = true;
            emit({
              kind: 'audio_out',
              pcm16,
              sampleRateHz: rateHz,
              utteranceId: utterance.id,
              atMs,
            });
          }
          break;
        } catch (error) {
          if (signal.aborted || utterance.end !== undefined) return;
          // One more try when the vendor says it may work and the caller heard nothing of it.
          if (attempt === 0 && !producedAudio && isRetryable(error)) continue;
          hooks.failed(utterance, new Error(errorMessage(error), { cause: error }));
          utterance.settle('failed');
          return;
        }
      }
      if (signal.aborted || utterance.end !== undefined) return;
      transport.mark(sentenceMark(utterance.id, index));
    }
  }
}
