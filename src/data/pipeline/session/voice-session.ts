/**
 * The voice session: one phone call from answer to hang-up. It ties the transport, the VAD, the
 * recogniser, the turn detector, the dialogue (CallSession) and the synthesiser together, and
 * does turn-taking and barge-in. The caller's side of turn-taking (inbound audio, barge-in,
 * when a turn is due, silence, DTMF) is `CallerTurnTaking`; this file answers, runs the turns,
 * speaks the replies and fails safe. See docs/adr/0010-voice-session.md.
 *
 * Time: turn-taking runs on media time — the inbound frame timeline, 20 ms per frame — so it
 * owns no timers and behaves the same in real time, faster than real time and in tests. Latency
 * is measured on the monotonic clock (ARCHITECTURE §4); `clockAt` maps one onto the other.
 */
import type { Clock } from '../../../platform/clock.ts';
import { systemClock } from '../../../platform/clock.ts';
import { errorMessage } from '../../../platform/errors.ts';
import type { CallSession } from '../../session/session-manager.ts';
import { frameDurationMs } from '../audio/audio-format.ts';
import type { Frame } from '../frames.ts';
import type { TurnKind } from '../latency/turn-latency.ts';
import { TurnLatencyRecorder } from '../latency/turn-latency.ts';
import { TurnDetector } from '../turn/turn-detector.ts';
import { AgentSpeaker } from './agent-speaker.ts';
import type { AgentUtterance, UtteranceEnd } from './agent-utterance.ts';
import { isBackchannel, isNonSpeech } from './backchannel.ts';
import { CallerListener } from './caller-listener.ts';
import { CallerTurnTaking, type SessionPhase } from './caller-turn-taking.ts';
import { expectedAnswer } from './expected-answer.ts';
import type { SpeechSegmenterLike } from './speech-segmenter.ts';
import type {
  BargeInPolicy,
  VoiceSessionEndReason,
  VoiceSessionOptions,
  VoiceSessionResult,
} from './voice-session-options.ts';

export type * from './voice-session-options.ts';

export interface VoiceSession {
  /** Settles when the call is over and every stream, task and handle is released. Never rejects. */
  readonly done: Promise<VoiceSessionResult>;
  /** Hangs up from our side. Idempotent. */
  stop(reason?: string): void;
}

/** Starts answering the call on `options.transport`. */
export function startVoiceSession(options: VoiceSessionOptions): VoiceSession {
  const session = new VoiceSessionRun(options);
  return { done: session.run(), stop: (reason) => session.stop(reason) };
}

class VoiceSessionRun {
  private readonly clock: Clock;
  private readonly abort = new AbortController();
  private readonly latency = new TurnLatencyRecorder();
  private readonly turnDetector: TurnDetector;
  private readonly speaker: AgentSpeaker;
  private readonly caller: CallerTurnTaking;
  private readonly tasks = new Set<Promise<void>>();
  private readonly failures: string[] = [];
  private callSession: CallSession | undefined;
  private listener: CallerListener | undefined;
  private segmenter: SpeechSegmenterLike | undefined;
  private bargeIn: BargeInPolicy = { enabled: true, minSpeechMs: 400 };
  private silenceTimeoutMs = 8000;
  private phase: SessionPhase = 'starting';
  private endReason: VoiceSessionEndReason | undefined;

  /** The utterance whose first audio closes the turn in progress in the latency recorder. */
  private latencyUtterance: { id: string; kind: TurnKind } | undefined;
  private failing = false;

  constructor(private readonly options: VoiceSessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.turnDetector = new TurnDetector(options.turnDetector ?? {});
    this.speaker = new AgentSpeaker({
      transport: options.transport,
      tts: options.tts,
      language: options.language,
      ...(options.voice ? { voice: options.voice } : {}),
      ...(options.currency ? { currency: options.currency } : {}),
      clock: this.clock,
      signal: this.abort.signal,
      emit: (frame) => this.emit(frame),
      hooks: {
        ttsRequested: (utterance, atMs) => this.latencyMark(utterance, 'ttsRequestedMs', atMs),
        ttsFirstChunk: (utterance, atMs) => this.latencyMark(utterance, 'ttsFirstChunkMs', atMs),
        firstAudioOut: (utterance, atMs) => {
          this.latencyMark(utterance, 'firstAudioOutMs', atMs);
          this.finishLatencyTurn(utterance);
        },
        failed: (_utterance, error) => this.fail(`tts: ${errorMessage(error)}`),
      },
    });
    this.caller = new CallerTurnTaking({
      sampleRateHz: options.transport.sampleRateHz,
      clock: this.clock,
      speaker: this.speaker,
      turnDetector: this.turnDetector,
      latency: this.latency,
      dtmfCommitMs: options.dtmfCommitMs,
      asrFinalWaitMs: options.asrFinalWaitMs,
      asrStallMs: options.asrStallMs,
      host: {
        phase: () => this.phase,
        bargeIn: () => this.bargeIn,
        silenceTimeoutMs: () => this.silenceTimeoutMs,
        listener: () => this.listener,
        segmenter: () => this.segmenter,
        replyPending: () => this.latencyUtterance !== undefined,
        emit: (frame) => this.emit(frame),
        noteFailure: (what) => void this.failures.push(what),
        commit: (text, kind, speechEndedAtMs) => this.commit(text, kind, speechEndedAtMs),
        recordInterruption: (playedText) => this.callSession?.recordInterruption(playedText),
      },
    });
  }

  stop(reason = 'stopped'): void {
    if (this.abort.signal.aborted) return;
    this.endReason ??= 'aborted';
    this.abort.abort(new Error(reason));
    this.options.transport.close(reason).catch(() => undefined);
  }

  async run(): Promise<VoiceSessionResult> {
    const onAbort = () => this.stop('aborted');
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    if (this.options.signal?.aborted) this.stop('aborted');
    try {
      this.latency.set('userStoppedSpeakingMs', this.clock.monotonicMs());
      if (await this.answer()) await this.converse();
      else this.endReason ??= 'failed';
    } catch (error) {
      this.fail(`session: ${errorMessage(error)}`);
      this.endReason ??= 'failed';
    } finally {
      this.options.signal?.removeEventListener('abort', onAbort);
      await this.release();
    }
    return {
      endReason: this.endReason ?? 'transport_closed',
      callSession: this.callSession,
      outcome: this.callSession?.outcome,
      turns: this.latency.turns,
      interruptions: this.caller.interruptions,
      falseInterruptions: this.caller.falseInterruptions,
      failures: this.failures,
    };
  }

  /**
   * Opens the dialogue, the VAD and the recogniser, and starts the greeting. The VAD model and
   * the recogniser load while the greeting is synthesised: neither may delay the first audio.
   */
  private async answer(): Promise<boolean> {
    const { options } = this;
    const segmenter = Promise.resolve().then(() => options.vad(options.transport.sampleRateHz));
    void segmenter.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
    try {
      this.callSession =
        typeof options.callSession === 'function'
          ? await options.callSession()
          : options.callSession;
    } catch (error) {
      this.fail(`start: ${errorMessage(error)}`);
      return false;
    }
    if (this.abort.signal.aborted) return false;
    const runtime = this.callSession.config.runtime;
    this.bargeIn = options.bargeIn ?? { enabled: runtime.bargeIn, minSpeechMs: 400 };
    this.silenceTimeoutMs = options.silenceTimeoutMs ?? runtime.silenceTimeoutMs;
    this.listener = new CallerListener({
      asr: options.asr,
      inputRateHz: options.transport.sampleRateHz,
      language: options.language,
      ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}),
      signal: this.abort.signal,
      onEvent: (event) => this.caller.onAsrEvent(event),
      onLost: (error) => this.fail(`asr: ${error.message}`),
    });
    this.track(this.listener.open());
    this.listener.expect(expectedAnswer(this.callSession.state));
    this.turnDetector.expect(expectedAnswer(this.callSession.state));
    this.latency.set('llmFirstTokenMs', this.clock.monotonicMs());
    this.phase = this.callSession.isEnded ? 'ending' : 'listening';
    this.say(this.callSession.greeting, 'greeting');
    try {
      this.segmenter = await segmenter;
    } catch (error) {
      // Without a VAD the caller cannot be heard: apologise and hand over like any lost part.
      this.fail(`vad: ${errorMessage(error)}`);
    }
    return true;
  }

  private async converse(): Promise<void> {
    for await (const event of this.options.transport.events()) {
      try {
        if (event.type === 'audio') this.caller.onAudio(event.pcm16);
        else if (event.type === 'mark') this.speaker.handleMark(event.name, event.played);
        else if (event.type === 'dtmf') this.caller.onDtmf(event.digit);
        else break;
      } catch (error) {
        // A bug or a malformed frame must not end the call: note it and go on.
        this.options.logger?.error({ err: error }, 'voice session event failed');
        this.failures.push(`event: ${errorMessage(error)}`);
      }
      if (this.abort.signal.aborted) break;
    }
    this.endReason ??= 'transport_closed';
  }

  // ---- turns ----------------------------------------------------------------------------------

  private commit(text: string, kind: TurnKind, speechEndedAtMs?: number): void {
    const cut = this.caller.turnCommitted();
    const noWords = kind === 'speech' && (isNonSpeech(text) || isBackchannel(text));
    if (cut && noWords) {
      // A false barge-in (a cough, "okay"): say again what the caller did not hear.
      this.caller.falseInterruptions++;
      this.latency.discard();
      this.say(cut.unplayedSentences, undefined);
      return;
    }
    if (cut) this.callSession?.recordInterruption(cut.playedText);
    if (kind === 'speech' && isNonSpeech(text)) {
      this.latency.discard();
      return;
    }
    const nowMs = this.clock.monotonicMs();
    if (kind === 'speech' && speechEndedAtMs !== undefined) {
      // Commits from an ASR event land between frames: count the media time since the last one.
      const sinceFrameMs = Math.min(Math.max(0, nowMs - this.caller.frameClockMs), frameDurationMs);
      this.latency.setEndpointing(this.caller.mediaMs + sinceFrameMs - speechEndedAtMs);
    }
    if (kind !== 'speech') this.latency.set('userStoppedSpeakingMs', undefined);
    this.latency.set('turnCommittedMs', nowMs);
    this.emit({ kind: 'turn_committed', text, atMs: nowMs });
    this.phase = 'thinking';
    this.track(this.runTurn(text, kind));
  }

  private async runTurn(text: string, kind: TurnKind): Promise<void> {
    const session = this.callSession;
    if (!session) return;
    const turn = await session.turn(text);
    if (this.abort.signal.aborted) return;
    this.latency.set('llmFirstTokenMs', this.clock.monotonicMs());
    this.phase = turn.ended ? 'ending' : 'listening';
    this.caller.noteActivity();
    // The reply asks for something: the recogniser hears the answer better knowing what, and
    // the turn detector knows which cues fit it (a phone number is unfinished only if asked for).
    this.listener?.expect(expectedAnswer(session.state));
    this.turnDetector.expect(expectedAnswer(session.state));
    this.say(turn.reply, kind);
  }

  /** Speaks `text`; `kind` ties its first audio to the latency turn in progress. */
  private say(text: string | readonly string[], kind: TurnKind | undefined): void {
    const utterance = this.speaker.speak(text, (created) => {
      if (kind) this.latencyUtterance = { id: created.id, kind };
    });
    if (kind) {
      this.emit({
        kind: 'response_text',
        text: typeof text === 'string' ? text : text.join(' '),
        utteranceId: utterance.id,
        final: true,
        atMs: this.clock.monotonicMs(),
      });
    }
    this.track(utterance.finished.then((end) => this.afterUtterance(utterance, end)));
  }

  private afterUtterance(utterance: AgentUtterance, end: UtteranceEnd): void {
    if (this.latencyUtterance?.id === utterance.id) this.latencyUtterance = undefined;
    if (this.speaker.utterance !== utterance) return;
    this.caller.noteActivity();
    if (end === 'interrupted') return;
    if (this.phase === 'ending' || (end === 'failed' && this.failing)) {
      this.endReason ??= 'dialogue_ended';
      this.options.transport.close('completed').catch(() => undefined);
    }
  }

  private latencyMark(
    utterance: AgentUtterance,
    stage: 'ttsRequestedMs' | 'ttsFirstChunkMs' | 'firstAudioOutMs',
    atMs: number,
  ): void {
    if (this.latencyUtterance?.id === utterance.id) this.latency.mark(stage, atMs);
  }

  private finishLatencyTurn(utterance: AgentUtterance): void {
    const pending = this.latencyUtterance;
    if (pending?.id !== utterance.id) return;
    this.latencyUtterance = undefined;
    const turn = this.latency.finish(pending.kind);
    this.options.metrics?.observe(turn);
  }

  // ---- failures and the end -------------------------------------------------------------------

  /**
   * The recogniser or the synthesiser failed for good (failover wrappers already tried the other
   * vendors): apologise through whatever still works and hand the call to a person.
   */
  private fail(what: string): void {
    this.failures.push(what);
    this.options.logger?.warn({ failure: what }, 'voice session failure');
    if (this.failing || !this.callSession || this.abort.signal.aborted) {
      if (this.failing) this.options.transport.close('failed').catch(() => undefined);
      return;
    }
    this.failing = true;
    const session = this.callSession;
    this.phase = 'ending';
    this.track(
      (async () => {
        const lead = what.startsWith('asr')
          ? "Sorry, I'm having trouble hearing you."
          : "Sorry, I'm having technical trouble.";
        const turn = await session.escalateAfterFailure('tool_error', lead);
        if (this.abort.signal.aborted) return;
        if (turn.reply === '') {
          this.endReason ??= 'dialogue_ended';
          await this.options.transport.close('failed');
          return;
        }
        this.say(turn.reply, undefined);
      })(),
    );
  }

  private emit(frame: Frame): void {
    try {
      this.options.onFrame?.(frame);
    } catch {
      // A tap must not break the call.
    }
  }

  private track(task: Promise<unknown>): void {
    const tracked: Promise<void> = task.then(
      () => undefined,
      (error: unknown) => {
        this.failures.push(`task: ${errorMessage(error)}`);
      },
    );
    this.tasks.add(tracked);
    void tracked.finally(() => this.tasks.delete(tracked));
  }

  /** Releases everything: no stream, timer or task outlives the call. */
  private async release(): Promise<void> {
    await this.options.transport.close('ended').catch(() => undefined);
    if (!this.abort.signal.aborted) this.abort.abort(new Error('call ended'));
    try {
      this.speaker.interrupt();
    } catch {
      // The transport may already be closed.
    }
    await this.speaker.idle();
    await this.listener?.close();
    try {
      this.segmenter?.close();
    } catch {
      // Nothing left to do for a VAD that cannot close.
    }
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    if (this.callSession && !this.callSession.isEnded) await this.callSession.hangUp();
  }
}
