/**
 * The caller's side of a voice session's turn-taking, on media time (the inbound frame timeline,
 * 20 ms per frame): each inbound frame goes to the recogniser and the VAD; speech that starts
 * and ends, a barge-in over the agent, the turn detector's commit (waiting for the ASR final
 * within reason), a recogniser that never finalises, caller silence and keypad digits become the
 * session's turns. The session (`CallerTurnHost`) owns the call's phase, the dialogue and the
 * agent's voice. See docs/adr/0010-voice-session.md.
 */
import type { Clock } from '../../../platform/clock.ts';
import { errorMessage } from '../../../platform/errors.ts';
import type { AsrEvent } from '../asr/asr-provider.ts';
import type { SampleRateHz } from '../audio/audio-format.ts';
import type { Frame } from '../frames.ts';
import type { TurnKind, TurnLatencyRecorder } from '../latency/turn-latency.ts';
import { CallerProsody } from '../prosody/caller-prosody.ts';
import type { TurnDetector } from '../turn/turn-detector.ts';
import type { AgentSpeaker } from './agent-speaker.ts';
import type { AgentUtterance } from './agent-utterance.ts';
import type { CallerSpeech } from './barge-in.ts';
import { bargeInDecision } from './barge-in.ts';
import type { CallerListener } from './caller-listener.ts';
import { DtmfCollector } from './dtmf-collector.ts';
import type { SpeechEvent, SpeechSegmenterLike } from './speech-segmenter.ts';
import type { BargeInPolicy } from './voice-session-options.ts';

/** Answering, waiting for the caller, waiting for the dialogue's reply, or closing the call. */
export type SessionPhase = 'starting' | 'listening' | 'thinking' | 'ending';

/** What the caller's side reads of the session and hands to it. */
export interface CallerTurnHost {
  phase(): SessionPhase;
  bargeIn(): BargeInPolicy;
  silenceTimeoutMs(): number;
  /** Undefined until the call is answered. */
  listener(): CallerListener | undefined;
  segmenter(): SpeechSegmenterLike | undefined;
  /** The reply to the last turn has not played its first audio yet. */
  replyPending(): boolean;
  emit(frame: Frame): void;
  /** Noted in the call's result; the call goes on. */
  noteFailure(what: string): void;
  /** The caller's turn is over: `text` goes to the dialogue. */
  commit(text: string, kind: TurnKind, speechEndedAtMs?: number): void;
  /** Keypad digits cut the agent: the dialogue keeps only what was played. */
  recordInterruption(playedText: string): void;
}

export interface CallerTurnTakingOptions {
  sampleRateHz: SampleRateHz;
  clock: Clock;
  speaker: AgentSpeaker;
  turnDetector: TurnDetector;
  latency: TurnLatencyRecorder;
  /** Media time after the last DTMF digit before the digits are one turn. @default 2000 */
  dtmfCommitMs?: number | undefined;
  /** Media time after the end-of-speech flush to wait for the ASR final. @default 600 */
  asrFinalWaitMs?: number | undefined;
  /** Media time after the end of speech without a commit before the ASR counts as stalled. @default 3000 */
  asrStallMs?: number | undefined;
  host: CallerTurnHost;
}

export class CallerTurnTaking {
  /** Media time: the end of the last inbound frame, in ms since answer. Read-only outside. */
  mediaMs = 0;
  /** Monotonic clock when the last inbound frame was handled. Read-only outside. */
  frameClockMs = 0;
  /** Barge-ins that stopped the agent, and how many of those turned out not to be a turn. */
  interruptions = 0;
  falseInterruptions = 0;
  private readonly clock: Clock;
  private readonly speaker: AgentSpeaker;
  private readonly turnDetector: TurnDetector;
  private readonly latency: TurnLatencyRecorder;
  private readonly host: CallerTurnHost;
  private readonly dtmf: DtmfCollector;
  /** Pitch of the caller's audio, for the detector's end-of-turn contour (ADR 0020). */
  private readonly prosody: CallerProsody | undefined;
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

  constructor(private readonly options: CallerTurnTakingOptions) {
    this.clock = options.clock;
    this.speaker = options.speaker;
    this.turnDetector = options.turnDetector;
    this.latency = options.latency;
    this.host = options.host;
    this.dtmf = new DtmfCollector(options.dtmfCommitMs);
    const rateHz = options.sampleRateHz;
    // The pitch tracker reads phone-band audio (8 or 16 kHz); other rates go without.
    if (options.turnDetector.usesProsody && (rateHz === 8000 || rateHz === 16000))
      this.prosody = new CallerProsody({ sampleRateHz: rateHz });
  }

  /** The agent or the dialogue moved on: caller silence counts from now. */
  noteActivity(): void {
    this.lastActivityMediaMs = this.mediaMs;
  }

  /**
   * A turn was committed: the caller's side starts afresh. Returns the agent utterance a
   * barge-in cut, if any, for the session to resume or truncate.
   */
  turnCommitted(): AgentUtterance | undefined {
    this.speechEndedMediaMs = undefined;
    // A final still to come belongs to this turn: it must not leak into the next one.
    if (this.finalPending) this.host.listener()?.dropPendingFinals();
    this.finalPending = false;
    this.turnDetector.reset();
    this.lastActivityMediaMs = this.mediaMs;
    const cut = this.interrupted;
    this.interrupted = undefined;
    return cut;
  }

  // ---- inbound audio: VAD, barge-in, turn due, silence ----------------------------------------

  /** One inbound frame: media time advances by its length. */
  onAudio(pcm16: Int16Array): void {
    const rateHz = this.options.sampleRateHz;
    const frameStartMs = this.mediaMs;
    const frameMs = (pcm16.length * 1000) / rateHz;
    this.mediaMs += frameMs;
    this.frameClockMs = this.clock.monotonicMs();
    this.host.emit({ kind: 'audio_in', pcm16, sampleRateHz: rateHz, atMs: this.frameClockMs });
    this.host.listener()?.pushAudio(pcm16, frameMs);
    let events: SpeechEvent[] = [];
    try {
      events = this.host.segmenter()?.push(pcm16, frameStartMs) ?? [];
    } catch (error) {
      // Garbage in (a frame of the wrong size, NaNs after a bad decode): skip the frame.
      this.host.noteFailure(`vad: ${errorMessage(error)}`);
    }
    for (const event of events) {
      if (event.type === 'speech_start') this.onSpeechStart(event.atMs);
      else this.onSpeechEnd(event.atMs);
    }
    // Pitch only where the VAD hears speech (its hangover included): the contour needs the tail.
    this.prosody?.push(pcm16, this.host.segmenter()?.speaking ?? false);
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
    this.host.emit({ kind: 'vad', event: 'speech_start', atMs: this.clockAt(atMs) });
    const agentAudible = this.speaker.active;
    const ignored =
      this.host.phase() === 'ending' || (agentAudible && !this.host.bargeIn().enabled);
    this.callerSpeech = { startMediaMs: atMs, duringAgent: agentAudible, bargedIn: false, ignored };
    if (ignored) return;
    this.heardText = '';
    this.speechEndedMediaMs = undefined;
    this.host.listener()?.startUtterance();
    this.turnDetector.speechStarted(atMs);
    const replyPending = this.host.replyPending();
    if (
      this.speechEndedMediaMs === undefined &&
      this.host.phase() === 'listening' &&
      !replyPending
    ) {
      this.latency.discard();
      this.latency.set('speechStartedMs', this.clockAt(atMs));
    }
  }

  private onSpeechEnd(atMs: number): void {
    this.host.emit({ kind: 'vad', event: 'speech_end', atMs: this.clockAt(atMs) });
    const speech = this.callerSpeech;
    this.callerSpeech = undefined;
    if (!speech || speech.ignored) return;
    if (speech.duringAgent && !speech.bargedIn && this.speaker.active) {
      // Too short, or only "uh-huh": the agent never stopped, and this is not a turn.
      this.host.listener()?.endUtterance(false);
      this.turnDetector.reset();
      this.falseInterruptions++;
      return;
    }
    this.host.listener()?.endUtterance();
    this.finalPending = this.host.listener()?.listening ?? false;
    this.flushedAtMediaMs = this.mediaMs;
    this.turnDetector.speechEnded(atMs, this.prosody?.contour(speech.startMediaMs, atMs));
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
      policy: this.host.bargeIn(),
    });
    if (decision === 'agent_finished' && speech) speech.duringAgent = false;
    if (decision !== 'interrupt' || !speech) return;
    const cut = this.speaker.interrupt();
    if (!cut) return;
    speech.bargedIn = true;
    this.interrupted = cut;
    this.interruptions++;
    this.host.emit({ kind: 'interruption', utteranceId: cut.id, atMs: this.frameClockMs });
  }

  /** A partial or final from the recogniser (errors are the listener's business). */
  onAsrEvent(event: AsrEvent): void {
    if (event.type === 'error') return;
    const atMs = this.clock.monotonicMs();
    if (event.type === 'partial') {
      this.heardText = event.text;
      this.turnDetector.transcript(event.text, false, this.mediaMs);
      this.latency.mark('asrFirstPartialMs', atMs);
      this.host.emit({ kind: 'asr_partial', text: event.text, atMs });
      this.checkBargeIn();
    } else {
      this.heardText = event.text;
      this.finalPending = false;
      this.turnDetector.transcript(event.text, true, this.mediaMs);
      this.latency.mark('asrFinalMs', atMs);
      if (event.wordLagsMs) this.latency.addWordLags(event.wordLagsMs);
      this.host.emit({ kind: 'asr_final', text: event.text, confidence: event.confidence, atMs });
    }
    this.checkTurnDue();
  }

  private checkTurnDue(): void {
    if (this.host.phase() !== 'listening') return;
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
        this.host.listener()?.endUtterance(false);
      }
      this.host.commit(due.text, 'speech', due.speechEndedAtMs);
      return;
    }
    const endedMs = this.speechEndedMediaMs;
    if (endedMs === undefined) return;
    if (!this.finalPending && this.turnDetector.text === '') {
      // Speech without words (a cough, noise): the detector never commits it; we drop it here.
      this.host.commit('', 'speech', endedMs);
      return;
    }
    if (this.mediaMs - endedMs >= (this.options.asrStallMs ?? 3000)) {
      // The recogniser never finalised: go on with what was heard rather than wait forever.
      this.host.noteFailure('asr: no final after the end of speech');
      this.host.commit(this.heardText, 'speech', endedMs);
    }
  }

  private checkSilence(): void {
    if (this.host.phase() !== 'listening' || this.speaker.active || this.callerSpeech) return;
    if (this.speechEndedMediaMs !== undefined || this.interrupted || this.dtmf.pending) return;
    if (this.mediaMs - this.lastActivityMediaMs < this.host.silenceTimeoutMs()) return;
    this.host.commit('', 'silence');
  }

  // ---- DTMF -----------------------------------------------------------------------------------

  /** A keypad digit; the digits so far become one turn on '#' or a pause. */
  onDtmf(digit: string): void {
    this.host.emit({ kind: 'dtmf', digit, atMs: this.clock.monotonicMs() });
    if (this.host.phase() === 'ending') return;
    if (this.speaker.active && this.host.bargeIn().enabled) {
      const cut = this.speaker.interrupt();
      if (cut) this.host.recordInterruption(cut.playedText);
    }
    this.dtmf.push(digit, this.mediaMs);
    this.lastActivityMediaMs = this.mediaMs;
    this.checkDtmfDue();
  }

  private checkDtmfDue(): void {
    if (this.host.phase() !== 'listening') return;
    const digits = this.dtmf.take(this.mediaMs);
    if (digits === undefined) return;
    this.latency.discard();
    this.host.commit(digits, 'dtmf');
  }
}
