/**
 * Decides when the caller has finished a turn. Silence endpointing on the VAD's speech end,
 * stretched when the words so far are clearly unfinished (mid phone number, mid address, a
 * trailing "and" or "two large") and shortened when they are clearly complete ("yes", "that's
 * all", a whole phone number). Answer-aware: told what the agent's question asks for
 * (`expect`), it only counts the cues that fit that answer — digits extend the wait only where a
 * phone number can be the answer, a whole yes/no or a first and last name commit early — see
 * utterance-ending.ts and docs/adr/0018-answer-aware-endpointing.md. Pure and clock-free: the
 * caller passes monotonic times in and polls `due(nowMs)` (each 20 ms frame, or from a timer at
 * `nextDueAtMs`).
 *
 * Prosody (ADR 0020): the caller's side may hand over the pitch contour at the end of speech
 * (`speechEnded(atMs, contour)`). A clear final fall shortens the wait the words alone would
 * set (no cue → `fallingHangoverMs`, a moderate cue → `fallingModerateHangoverMs`); a level or
 * rising end may lengthen a plain wait (`continuationHangoverMs`). Words that are surely
 * unfinished (extended) and whole answers (early) are not overruled.
 */
import type { AsrAnswerKind, AsrExpectation } from '../asr/asr-provider.ts';
import type { TerminalContour } from '../prosody/terminal-contour.ts';
import { classifyUtteranceEnding, type UtteranceEnding } from './utterance-ending.ts';

export interface TurnDetectorOptions {
  /** Silence after which a turn with no cue either way is committed. @default 700 */
  hangoverMs?: number;
  /**
   * Silence to wait when the caller is surely mid-way through something: digits of a phone
   * number being read, a trailing "and" or "uh", an address without its street or number. Long
   * enough for someone reading digits off a card. @default 1600
   */
  extendedHangoverMs?: number;
  /**
   * Silence to wait when more is likely but a long pause is not: a dangling quantity ("two
   * large"), a phrase cut before its noun ("can I get the"), a phone number one digit short.
   * @default 1200
   */
  moderateHangoverMs?: number;
  /** Silence after a clearly complete utterance: just enough to rule out a breath. @default 250 */
  earlyCommitMs?: number;
  /** How the pitch contour at the end of speech adjusts the wait (ADR 0020). */
  prosody?: ProsodicTurnOptions;
  /** Observes each commit with what decided it (metrics, logs, benches). Must not throw. */
  onCommit?: (commit: TurnCommitDetail) => void;
}

export interface ProsodicTurnOptions {
  /** False: the contour is ignored (and the voice session tracks no pitch). @default true */
  enabled?: boolean;
  /** A contour counts from this confidence (0–1, `TerminalContour.confidence`). @default 0.6 */
  minConfidence?: number;
  /**
   * Silence after a final fall when the words give no cue either way. @default the plain
   * `hangoverMs` (unchanged: a caller may fall in pitch and still go on, ADR 0020)
   */
  fallingHangoverMs?: number;
  /**
   * Silence after a final fall when the words suggest more may come (a moderate cue: a
   * dangling "and a", "two large"). @default the plain `hangoverMs`
   */
  fallingModerateHangoverMs?: number;
  /**
   * Silence after a level or rising end when the words give no cue (a caller pausing mid-way
   * keeps the pitch up). @default the plain `hangoverMs` (no change: questions rise too)
   */
  continuationHangoverMs?: number;
}

/** `prosody`: the words alone would have waited longer; a final fall shortened the wait. */
export type TurnCommitReason = 'silence' | 'extended' | 'early' | 'prosody';

export interface TurnCommit {
  text: string;
  reason: TurnCommitReason;
  /** When the caller actually stopped speaking (VAD end, hangover excluded). */
  speechEndedAtMs: number;
}

/** A commit with the cue that set its wait. */
export interface TurnCommitDetail extends TurnCommit {
  ending: UtteranceEnding;
  /** The answer the detector expected (`expect`), if any. */
  expected: AsrAnswerKind | undefined;
  /** The pitch contour at the end of speech, when the caller's side gave one. */
  contour: TerminalContour | undefined;
  /** The silence the detector waited for (media ms since `speechEndedAtMs`). */
  waitMs: number;
  /** The `nowMs` of the `due` call that committed. */
  committedAtMs: number;
}

export const defaultTurnHangoverMs = 700;
export const defaultExtendedHangoverMs = 1600;
export const defaultModerateHangoverMs = 1200;
export const defaultEarlyCommitMs = 250;
export const defaultProsodyMinConfidence = 0.6;

interface TurnWait {
  waitMs: number;
  reason: TurnCommitReason;
  ending: UtteranceEnding;
}

export class TurnDetector {
  private readonly hangoverMs: number;
  private readonly extendedHangoverMs: number;
  private readonly moderateHangoverMs: number;
  private readonly earlyCommitMs: number;
  private readonly onCommit: ((commit: TurnCommitDetail) => void) | undefined;
  private readonly prosody: Required<ProsodicTurnOptions>;
  private contour: TerminalContour | undefined;
  private expected: AsrAnswerKind | undefined;
  private finals: string[] = [];
  private partial = '';
  private speaking = false;
  private speechEndedAtMs: number | undefined;
  /** Set once `due` has returned this turn; transcripts are ignored until speech starts again. */
  private committed = false;

  constructor(options: TurnDetectorOptions = {}) {
    this.hangoverMs = options.hangoverMs ?? defaultTurnHangoverMs;
    this.extendedHangoverMs = options.extendedHangoverMs ?? defaultExtendedHangoverMs;
    this.moderateHangoverMs = options.moderateHangoverMs ?? defaultModerateHangoverMs;
    this.earlyCommitMs = options.earlyCommitMs ?? defaultEarlyCommitMs;
    this.onCommit = options.onCommit;
    this.prosody = {
      enabled: options.prosody?.enabled ?? true,
      minConfidence: options.prosody?.minConfidence ?? defaultProsodyMinConfidence,
      fallingHangoverMs: options.prosody?.fallingHangoverMs ?? this.hangoverMs,
      fallingModerateHangoverMs: options.prosody?.fallingModerateHangoverMs ?? this.hangoverMs,
      continuationHangoverMs: options.prosody?.continuationHangoverMs ?? this.hangoverMs,
    };
  }

  /** Whether the contour at the end of speech is used (the session skips pitch tracking if not). */
  get usesProsody(): boolean {
    return this.prosody.enabled;
  }

  /**
   * What the agent's last question asks for (the dialogue state's expected answer), or
   * undefined for nothing in particular. It holds until the next `expect`, across turns and
   * `reset` (a false barge-in or a re-prompt leaves the question standing), and applies to the
   * turn in progress too: the question is what the caller is answering.
   */
  expect(expectation: AsrExpectation | undefined): void {
    this.expected = expectation?.kind;
  }

  /** The caller's words so far this turn: final segments plus the latest partial. */
  get text(): string {
    return [...this.finals, this.partial].filter((part) => part.length > 0).join(' ');
  }

  /**
   * Caller speech began (VAD `speech_start`). Cancels a pending commit; after a commit, opens a
   * new turn.
   */
  speechStarted(_atMs: number): void {
    if (this.committed) this.clearTurn();
    this.speaking = true;
    this.speechEndedAtMs = undefined;
    this.contour = undefined;
  }

  /**
   * Caller speech stopped at `atMs` (VAD `speech_end`'s `atMs`: hangover excluded), with the
   * pitch contour of its last words if the caller's side tracks it.
   */
  speechEnded(atMs: number, contour?: TerminalContour): void {
    if (!this.speaking && this.speechEndedAtMs !== undefined) return;
    this.speaking = false;
    this.speechEndedAtMs = atMs;
    this.contour = contour;
  }

  /**
   * An ASR result. A final fixes its segment; a partial replaces the previous partial. After a
   * commit, results are ignored until speech starts again: they are late results of the turn
   * already handed on (e.g. the final "yes" after an early commit on the partial "yes").
   */
  transcript(text: string, final: boolean, _atMs: number): void {
    if (this.committed) return;
    const trimmed = text.trim();
    if (final) {
      if (trimmed.length > 0) this.finals.push(trimmed);
      this.partial = '';
    } else {
      this.partial = trimmed;
    }
  }

  /** How the words so far end, and therefore how long the silence must last. */
  private wait(): TurnWait {
    const ending = classifyUtteranceEnding(this.text, this.expected);
    if (ending.kind === 'incomplete') {
      const waitMs = ending.wait === 'extended' ? this.extendedHangoverMs : this.moderateHangoverMs;
      return this.withProsody({ waitMs, reason: 'extended', ending });
    }
    if (ending.kind === 'complete') return { waitMs: this.earlyCommitMs, reason: 'early', ending };
    return this.withProsody({ waitMs: this.hangoverMs, reason: 'silence', ending });
  }

  /**
   * The words' wait adjusted by the contour: a clear final fall shortens a plain or moderate
   * wait, a clear level or rising end may lengthen a plain one. An extended wait (words surely
   * unfinished) stands: a caller reading digits in groups ends each group low.
   */
  private withProsody(wait: TurnWait): TurnWait {
    const contour = this.contour;
    const { enabled, minConfidence } = this.prosody;
    if (!enabled || !contour || contour.confidence < minConfidence) return wait;
    const { ending } = wait;
    const moderate = ending.kind === 'incomplete' && ending.wait === 'moderate';
    if (contour.kind === 'falling') {
      const fallingMs = moderate
        ? this.prosody.fallingModerateHangoverMs
        : ending.kind === 'open'
          ? this.prosody.fallingHangoverMs
          : wait.waitMs;
      return fallingMs < wait.waitMs ? { ...wait, waitMs: fallingMs, reason: 'prosody' } : wait;
    }
    if ((contour.kind === 'level' || contour.kind === 'rising') && ending.kind === 'open')
      return { ...wait, waitMs: Math.max(wait.waitMs, this.prosody.continuationHangoverMs) };
    return wait;
  }

  /** When `due` will next commit if nothing changes; undefined while speaking or without words. */
  nextDueAtMs(): number | undefined {
    if (this.speaking || this.committed || this.speechEndedAtMs === undefined) return undefined;
    if (this.text.length === 0) return undefined;
    return this.speechEndedAtMs + this.wait().waitMs;
  }

  /**
   * The committed turn once its silence has lasted long enough; once per turn. A turn without
   * words (noise the VAD took for speech) never commits: the session decides what silence means.
   */
  due(nowMs: number): TurnCommit | undefined {
    const dueAtMs = this.nextDueAtMs();
    if (dueAtMs === undefined || nowMs < dueAtMs) return undefined;
    this.committed = true;
    const { waitMs, reason, ending } = this.wait();
    const commit = { text: this.text, reason, speechEndedAtMs: this.speechEndedAtMs as number };
    const { expected, contour } = this;
    this.onCommit?.({ ...commit, ending, expected, contour, waitMs, committedAtMs: nowMs });
    return commit;
  }

  /** Forgets the turn in progress (e.g. the agent took the turn, or the call was transferred). */
  reset(): void {
    this.clearTurn();
    this.speaking = false;
  }

  private clearTurn(): void {
    this.finals = [];
    this.partial = '';
    this.speechEndedAtMs = undefined;
    this.contour = undefined;
    this.committed = false;
  }
}
