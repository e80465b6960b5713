/**
 * Per-turn latency on one monotonic clock (ARCHITECTURE §4). A turn starts when the caller
 * stopped speaking (VAD end minus its hangover) — or, for the greeting, when the call was
 * answered — and its TTFA ends at the first agent audio handed to the transport.
 */

/** The timestamps of one turn, monotonic milliseconds; undefined when the stage did not happen. */
export interface TurnTimestamps {
  /** Greeting: call answered. Caller turn: speech actually stopped (VAD end − hangover). */
  userStoppedSpeakingMs: number | undefined;
  /** First ASR partial of the utterance, and when its speech started (partial latency). */
  speechStartedMs: number | undefined;
  asrFirstPartialMs: number | undefined;
  /** The ASR stream was flushed (end of speech) and its final arrived. */
  asrFlushedMs: number | undefined;
  asrFinalMs: number | undefined;
  turnCommittedMs: number | undefined;
  /** The reply text is available (the dialogue's first token). */
  llmFirstTokenMs: number | undefined;
  ttsRequestedMs: number | undefined;
  ttsFirstChunkMs: number | undefined;
  firstAudioOutMs: number | undefined;
}

export type TurnKind = 'greeting' | 'speech' | 'dtmf' | 'silence';

/** One finished turn: its timestamps and the derived stage durations. */
export interface TurnLatency extends TurnTimestamps {
  turn: number;
  kind: TurnKind;
  /** first_audio_out − user_stopped_speaking (greeting: − call answered). */
  ttfaMs: number | undefined;
  /** First partial − speech start: includes the time the caller took to say the first word. */
  asrPartialLatencyMs: number | undefined;
  /**
   * The turn's slowest word emission lag: how long after a word's audio reached the recogniser
   * a partial first showed it (ADR 0017; blueprint §16's "ASR partial latency"). Undefined when
   * the provider does not align words.
   */
  asrWordLagMs: number | undefined;
  /** asr_final − flush: the time the recogniser needed to finalise. */
  asrFinalLatencyMs: number | undefined;
  /**
   * Media time the turn detector deliberately waited between the end of speech and the commit
   * (its hangover); a design choice, neither vendor time nor overhead.
   */
  endpointingMs: number;
  /** turn_committed → reply available (dialogue policy, LLM or rules). */
  dialogueMs: number | undefined;
  /** TTS request → first chunk. */
  ttsFirstChunkLatencyMs: number | undefined;
  /** ttfa − endpointing − dialogue − TTS first chunk: what the platform itself added. */
  platformOverheadMs: number | undefined;
}

const stages = [
  'userStoppedSpeakingMs',
  'speechStartedMs',
  'asrFirstPartialMs',
  'asrFlushedMs',
  'asrFinalMs',
  'turnCommittedMs',
  'llmFirstTokenMs',
  'ttsRequestedMs',
  'ttsFirstChunkMs',
  'firstAudioOutMs',
] as const satisfies readonly (keyof TurnTimestamps)[];
export type TurnStage = (typeof stages)[number];

function emptyTimestamps(): TurnTimestamps {
  return Object.fromEntries(stages.map((stage) => [stage, undefined])) as unknown as TurnTimestamps;
}

const difference = (end: number | undefined, start: number | undefined) =>
  end === undefined || start === undefined ? undefined : end - start;

/**
 * Collects the timestamps of the turn in progress (first value per stage wins) and keeps every
 * finished turn. One per voice session; not shared between sessions.
 */
export class TurnLatencyRecorder {
  readonly turns: TurnLatency[] = [];
  private current: TurnTimestamps = emptyTimestamps();
  private endpointingMs = 0;
  private wordLagsMs: number[] = [];

  /** Records `stage` at `atMs` unless it already has a value in this turn. */
  mark(stage: TurnStage, atMs: number): void {
    if (this.current[stage] === undefined) this.current[stage] = atMs;
  }

  /** Overwrites `stage` (a later utterance of the same turn replaces the earlier one). */
  set(stage: TurnStage, atMs: number | undefined): void {
    this.current[stage] = atMs;
  }

  get(stage: TurnStage): number | undefined {
    return this.current[stage];
  }

  /** Word emission lags reported with a final of this turn (ADR 0017). */
  addWordLags(lagsMs: readonly number[]): void {
    this.wordLagsMs.push(...lagsMs);
  }

  setEndpointing(durationMs: number): void {
    this.endpointingMs = Math.max(0, durationMs);
  }

  /** Forgets the turn in progress (speech that did not become a turn). */
  discard(): void {
    this.current = emptyTimestamps();
    this.endpointingMs = 0;
    this.wordLagsMs = [];
  }

  /** Closes the turn in progress and returns its figures. */
  finish(kind: TurnKind): TurnLatency {
    const t = this.current;
    const ttfaMs = difference(t.firstAudioOutMs, t.userStoppedSpeakingMs ?? t.turnCommittedMs);
    const dialogueMs = difference(t.llmFirstTokenMs, t.turnCommittedMs);
    const ttsFirstChunkLatencyMs = difference(t.ttsFirstChunkMs, t.ttsRequestedMs);
    const turn: TurnLatency = {
      ...t,
      turn: this.turns.length,
      kind,
      ttfaMs,
      asrPartialLatencyMs: difference(t.asrFirstPartialMs, t.speechStartedMs),
      asrWordLagMs: this.wordLagsMs.length === 0 ? undefined : Math.max(...this.wordLagsMs),
      asrFinalLatencyMs: difference(t.asrFinalMs, t.asrFlushedMs),
      endpointingMs: this.endpointingMs,
      dialogueMs,
      ttsFirstChunkLatencyMs,
      platformOverheadMs:
        ttfaMs === undefined
          ? undefined
          : Math.max(
              0,
              ttfaMs - this.endpointingMs - (dialogueMs ?? 0) - (ttsFirstChunkLatencyMs ?? 0),
            ),
    };
    this.turns.push(turn);
    this.discard();
    return turn;
  }
}
