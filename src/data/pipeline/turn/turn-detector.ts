/**
 * Decides when the caller has finished a turn. Silence endpointing on the VAD's speech end,
 * stretched when the words so far are clearly unfinished (mid phone number, mid address, a
 * trailing "and" or "two large") and shortened when they are clearly complete ("yes", "that's
 * all", a whole phone number). Pure and clock-free: the caller passes monotonic times in and
 * polls `due(nowMs)` (each 20 ms frame, or from a timer at `nextDueAtMs`).
 */
import { classifyUtteranceEnding, type UtteranceEnding } from './utterance-ending.ts';

export interface TurnDetectorOptions {
  /** Silence after which a turn with no cue either way is committed. @default 700 */
  hangoverMs?: number;
  /**
   * Silence to wait when the caller is mid-way through something (phone number, address,
   * list). Long enough for someone reading digits off a card. @default 1600
   */
  extendedHangoverMs?: number;
  /** Silence after a clearly complete utterance: just enough to rule out a breath. @default 250 */
  earlyCommitMs?: number;
}

export type TurnCommitReason = 'silence' | 'extended' | 'early';

export interface TurnCommit {
  text: string;
  reason: TurnCommitReason;
  /** When the caller actually stopped speaking (VAD end, hangover excluded). */
  speechEndedAtMs: number;
}

export const defaultTurnHangoverMs = 700;
export const defaultExtendedHangoverMs = 1600;
export const defaultEarlyCommitMs = 250;

export class TurnDetector {
  private readonly hangoverMs: number;
  private readonly extendedHangoverMs: number;
  private readonly earlyCommitMs: number;
  private finals: string[] = [];
  private partial = '';
  private speaking = false;
  private speechEndedAtMs: number | undefined;
  /** Set once `due` has returned this turn; transcripts are ignored until speech starts again. */
  private committed = false;

  constructor(options: TurnDetectorOptions = {}) {
    this.hangoverMs = options.hangoverMs ?? defaultTurnHangoverMs;
    this.extendedHangoverMs = options.extendedHangoverMs ?? defaultExtendedHangoverMs;
    this.earlyCommitMs = options.earlyCommitMs ?? defaultEarlyCommitMs;
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
  }

  /** Caller speech stopped at `atMs` (VAD `speech_end`'s `atMs`: hangover excluded). */
  speechEnded(atMs: number): void {
    if (!this.speaking && this.speechEndedAtMs !== undefined) return;
    this.speaking = false;
    this.speechEndedAtMs = atMs;
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
  private wait(): { waitMs: number; reason: TurnCommitReason; ending: UtteranceEnding } {
    const ending = classifyUtteranceEnding(this.text);
    if (ending.kind === 'incomplete')
      return { waitMs: this.extendedHangoverMs, reason: 'extended', ending };
    if (ending.kind === 'complete') return { waitMs: this.earlyCommitMs, reason: 'early', ending };
    return { waitMs: this.hangoverMs, reason: 'silence', ending };
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
    return {
      text: this.text,
      reason: this.wait().reason,
      speechEndedAtMs: this.speechEndedAtMs as number,
    };
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
    this.committed = false;
  }
}
