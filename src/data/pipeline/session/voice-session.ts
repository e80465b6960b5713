/**
 * The voice session: one phone call from answer to hang-up. It ties the transport, the VAD, the
 * recogniser, the turn detector, the dialogue (CallSession) and the synthesiser together, and
 * does turn-taking and barge-in. See docs/adr/0010-voice-session.md.
 *
 * Time: turn-taking runs on media time — the inbound frame timeline, 20 ms per frame — so it
 * owns no timers and behaves the same in real time, faster than real time and in tests. Latency
 * is measured on the monotonic clock (ARCHITECTURE §4); `clockAt` maps one onto the other.
 */
import type { Clock } from '../../../platform/clock.ts';
import { systemClock } from '../../../platform/clock.ts';
import { errorMessage } from '../../../platform/errors.ts';
import type { CallSession } from '../../session/session-manager.ts';
import type { AsrEvent } from '../asr/asr-provider.ts';
import { frameDurationMs } from '../audio/audio-format.ts';
import type { Frame } from '../frames.ts';
import type { TurnKind } from '../latency/turn-latency.ts';
import { TurnLatencyRecorder } from '../latency/turn-latency.ts';
import { TurnDetector } from '../turn/turn-detector.ts';
import { AgentSpeaker } from './agent-speaker.ts';
import type { AgentUtterance, UtteranceEnd } from './agent-utterance.ts';
import { isBackchannel, isNonSpeech } from './backchannel.ts';
import type { CallerSpeech } from './barge-in.ts';
import { bargeInDecision } from './barge-in.ts';
import { CallerListener } from './caller-listener.ts';
import { DtmfCollector } from './dtmf-collector.ts';
import { expectedAnswer } from './expected-answer.ts';
import type { SpeechEvent, SpeechSegmenterLike } from './speech-segmenter.ts';
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

type Phase = 'starting' | 'listening' | 'thinking' | 'ending';

class VoiceSessionRun {
  private readonly clock: Clock;
  private readonly abort = new AbortController();
  private readonly latency = new TurnLatencyRecorder();
  private readonly turnDetector: TurnDetector;
  private readonly speaker: AgentSpeaker;
  private readonly tasks = new Set<Promise<void>>();
  private readonly failures: string[] = [];
  private callSession: CallSession | undefined;
  private listener: CallerListener | undefined;
  private segmenter: SpeechSegmenterLike | undefined;
  private bargeIn: BargeInPolicy = { enabled: true, minSpeechMs: 400 };
  private silenceTimeoutMs = 8000;
  private phase: Phase = 'starting';
  private endReason: VoiceSessionEndReason | undefined;

  /** Media time: the end of the last inbound frame, in ms since answer. */
  private mediaMs = 0;
  /** Monotonic clock when the last inbound frame was handled. */
  private frameClockMs = 0;
  private lastActivityMediaMs = 0;
  private callerSpeech: CallerSpeech | undefined;
  /** The end of speech waiting for the turn detector's commit, media ms. */
  private speechEndedMediaMs: number | undefined;
  private heardText = '';
  /** The recogniser has been flushed for the utterance in progress and its final is due. */
  private finalPending = false;
  private flushedAtMediaMs = 0;
  /** The agent utterance a barge-in cut, until we know whether the caller really took the turn. */
  private interrupted: AgentUtterance | undefined;
  /** The utterance whose first audio closes the turn in progress in the latency recorder. */
  private latencyUtterance: { id: string; kind: TurnKind } | undefined;
  private readonly dtmf: DtmfCollector;
  private interruptions = 0;
  private falseInterruptions = 0;
  private failing = false;

  constructor(private readonly options: VoiceSessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.turnDetector = new TurnDetector(options.turnDetector ?? {});
    this.dtmf = new DtmfCollector(options.dtmfCommitMs);
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
      interruptions: this.interruptions,
      falseInterruptions: this.falseInterruptions,
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
      onEvent: (event) => this.onAsrEvent(event),
      onLost: (error) => this.fail(`asr: ${error.message}`),
    });
    this.track(this.listener.open());
    this.listener.expect(expectedAnswer(this.callSession.state));
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
        if (event.type === 'audio') this.onAudio(event.pcm16);
        else if (event.type === 'mark') this.speaker.handleMark(event.name, event.played);
        else if (event.type === 'dtmf') this.onDtmf(event.digit);
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

  // ---- inbound audio: VAD, barge-in, turn commit, silence -------------------------------------

  private onAudio(pcm16: Int16Array): void {
    const rateHz = this.options.transport.sampleRateHz;
    const frameStartMs = this.mediaMs;
    const frameMs = (pcm16.length * 1000) / rateHz;
    this.mediaMs += frameMs;
    this.frameClockMs = this.clock.monotonicMs();
    this.emit({ kind: 'audio_in', pcm16, sampleRateHz: rateHz, atMs: this.frameClockMs });
    this.listener?.pushAudio(pcm16, frameMs);
    let events: SpeechEvent[] = [];
    try {
      events = this.segmenter?.push(pcm16, frameStartMs) ?? [];
    } catch (error) {
      // Garbage in (a frame of the wrong size, NaNs after a bad decode): skip the frame.
      this.failures.push(`vad: ${errorMessage(error)}`);
    }
    for (const event of events) {
      if (event.type === 'speech_start') this.onSpeechStart(event.atMs);
      else this.onSpeechEnd(event.atMs);
    }
    this.checkBargeIn();
    this.checkTurnDue();
    this.checkDtmfDue();
    this.checkSilence();
  }

  /** The monotonic time of a media instant in the past (for latency stamps). */
  private clockAt(mediaAtMs: number): number {
    return this.frameClockMs - (this.mediaMs - mediaAtMs);
  }

  private onSpeechStart(atMs: number): void {
    this.emit({ kind: 'vad', event: 'speech_start', atMs: this.clockAt(atMs) });
    const agentAudible = this.speaker.active;
    const ignored = this.phase === 'ending' || (agentAudible && !this.bargeIn.enabled);
    this.callerSpeech = { startMediaMs: atMs, duringAgent: agentAudible, bargedIn: false, ignored };
    if (ignored) return;
    this.heardText = '';
    this.speechEndedMediaMs = undefined;
    this.listener?.startUtterance();
    this.turnDetector.speechStarted(atMs);
    const replyPending = this.latencyUtterance !== undefined;
    if (this.speechEndedMediaMs === undefined && this.phase === 'listening' && !replyPending) {
      this.latency.discard();
      this.latency.set('speechStartedMs', this.clockAt(atMs));
    }
  }

  private onSpeechEnd(atMs: number): void {
    this.emit({ kind: 'vad', event: 'speech_end', atMs: this.clockAt(atMs) });
    const speech = this.callerSpeech;
    this.callerSpeech = undefined;
    if (!speech || speech.ignored) return;
    if (speech.duringAgent && !speech.bargedIn && this.speaker.active) {
      // Too short, or only "uh-huh": the agent never stopped, and this is not a turn.
      this.listener?.endUtterance(false);
      this.turnDetector.reset();
      this.falseInterruptions++;
      return;
    }
    this.listener?.endUtterance();
    this.finalPending = this.listener?.listening ?? false;
    this.flushedAtMediaMs = this.mediaMs;
    this.turnDetector.speechEnded(atMs);
    this.speechEndedMediaMs = atMs;
    this.lastActivityMediaMs = this.mediaMs;
    this.latency.set('userStoppedSpeakingMs', this.clockAt(atMs));
    this.latency.set('asrFlushedMs', this.frameClockMs);
  }

  private checkBargeIn(): void {
    const speech = this.callerSpeech;
    const decision = bargeInDecision(speech, {
      mediaMs: this.mediaMs,
      agentActive: this.speaker.active,
      heardText: this.heardText,
      policy: this.bargeIn,
    });
    if (decision === 'agent_finished' && speech) speech.duringAgent = false;
    if (decision !== 'interrupt' || !speech) return;
    const cut = this.speaker.interrupt();
    if (!cut) return;
    speech.bargedIn = true;
    this.interrupted = cut;
    this.interruptions++;
    this.emit({ kind: 'interruption', utteranceId: cut.id, atMs: this.frameClockMs });
  }

  private onAsrEvent(event: AsrEvent): void {
    if (event.type === 'error') return;
    const atMs = this.clock.monotonicMs();
    if (event.type === 'partial') {
      this.heardText = event.text;
      this.turnDetector.transcript(event.text, false, this.mediaMs);
      this.latency.mark('asrFirstPartialMs', atMs);
      this.emit({ kind: 'asr_partial', text: event.text, atMs });
      this.checkBargeIn();
    } else {
      this.heardText = event.text;
      this.finalPending = false;
      this.turnDetector.transcript(event.text, true, this.mediaMs);
      this.latency.mark('asrFinalMs', atMs);
      this.emit({ kind: 'asr_final', text: event.text, confidence: event.confidence, atMs });
    }
    this.checkTurnDue();
  }

  private checkTurnDue(): void {
    if (this.phase !== 'listening') return;
    const speech = this.callerSpeech;
    const inTurn =
      speech !== undefined && !speech.ignored && !(speech.duringAgent && !speech.bargedIn);
    if (!inTurn && this.speechEndedMediaMs === undefined) return;
    // The final is more accurate than the last partial: wait for it, within reason.
    const finalWaitMs = this.options.asrFinalWaitMs ?? 600;
    if (this.finalPending && this.mediaMs - this.flushedAtMediaMs < finalWaitMs) return;
    const due = this.turnDetector.due(this.mediaMs);
    if (due) {
      if (speech && inTurn) {
        // Committed early, before the VAD's end: the rest of this speech is not a new turn.
        speech.ignored = true;
        this.listener?.endUtterance(false);
      }
      this.commit(due.text, 'speech', due.speechEndedAtMs);
      return;
    }
    const endedMs = this.speechEndedMediaMs;
    if (endedMs === undefined) return;
    if (!this.finalPending && this.turnDetector.text === '') {
      // Speech without words (a cough, noise): the detector never commits it; we drop it here.
      this.commit('', 'speech', endedMs);
      return;
    }
    if (this.mediaMs - endedMs >= (this.options.asrStallMs ?? 3000)) {
      // The recogniser never finalised: go on with what was heard rather than wait forever.
      this.failures.push('asr: no final after the end of speech');
      this.commit(this.heardText, 'speech', endedMs);
    }
  }

  private checkSilence(): void {
    if (this.phase !== 'listening' || this.speaker.active || this.callerSpeech) return;
    if (this.speechEndedMediaMs !== undefined || this.interrupted || this.dtmf.pending) return;
    if (this.mediaMs - this.lastActivityMediaMs < this.silenceTimeoutMs) return;
    this.commit('', 'silence');
  }

  // ---- DTMF -----------------------------------------------------------------------------------

  private onDtmf(digit: string): void {
    this.emit({ kind: 'dtmf', digit, atMs: this.clock.monotonicMs() });
    if (this.phase === 'ending') return;
    if (this.speaker.active && this.bargeIn.enabled) {
      const cut = this.speaker.interrupt();
      if (cut) this.callSession?.recordInterruption(cut.playedText);
    }
    this.dtmf.push(digit, this.mediaMs);
    this.lastActivityMediaMs = this.mediaMs;
    this.checkDtmfDue();
  }

  private checkDtmfDue(): void {
    if (this.phase !== 'listening') return;
    const digits = this.dtmf.take(this.mediaMs);
    if (digits === undefined) return;
    this.latency.discard();
    this.commit(digits, 'dtmf');
  }

  // ---- turns ----------------------------------------------------------------------------------

  private commit(text: string, kind: TurnKind, speechEndedAtMs?: number): void {
    this.speechEndedMediaMs = undefined;
    // A final still to come belongs to this turn: it must not leak into the next one.
    if (this.finalPending) this.listener?.dropPendingFinals();
    this.finalPending = false;
    this.turnDetector.reset();
    this.lastActivityMediaMs = this.mediaMs;
    const cut = this.interrupted;
    this.interrupted = undefined;
    const noWords = kind === 'speech' && (isNonSpeech(text) || isBackchannel(text));
    if (cut && noWords) {
      // A false barge-in (a cough, "okay"): say again what the caller did not hear.
      this.falseInterruptions++;
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
      const sinceFrameMs = Math.min(Math.max(0, nowMs - this.frameClockMs), frameDurationMs);
      this.latency.setEndpointing(this.mediaMs + sinceFrameMs - speechEndedAtMs);
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
    this.lastActivityMediaMs = this.mediaMs;
    // The reply asks for something: the recogniser hears the answer better knowing what.
    this.listener?.expect(expectedAnswer(session.state));
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
    this.lastActivityMediaMs = this.mediaMs;
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
