/**
 * One thing the agent says (a reply, the greeting), split into sentences that are synthesised
 * and played one by one. A transport mark after each sentence tells which ones the caller
 * actually heard, which is what the dialogue context keeps after a barge-in.
 */
export type UtteranceEnd =
  /** Every sentence was played. */
  | 'played'
  /** Stopped by a barge-in (or by the end of the call) before the last sentence was played. */
  | 'interrupted'
  /** Synthesis failed for good; what was played is in `playedSentences`. */
  | 'failed';

export class AgentUtterance {
  /** Sentences whose mark came back played, in order (a prefix of `sentences`). */
  playedCount = 0;
  end: UtteranceEnd | undefined;
  readonly finished: Promise<UtteranceEnd>;
  private resolveFinished!: (end: UtteranceEnd) => void;

  constructor(
    readonly id: string,
    readonly sentences: readonly string[],
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  get playedText(): string {
    return this.sentences.slice(0, this.playedCount).join(' ');
  }

  /** The sentences not heard yet: what a resumed agent says again. */
  get unplayedSentences(): readonly string[] {
    return this.sentences.slice(this.playedCount);
  }

  /** @internal */
  settle(end: UtteranceEnd): void {
    if (this.end !== undefined) return;
    this.end = end;
    this.resolveFinished(end);
  }
}

/** Mark names carry the utterance and sentence so late echoes of old utterances are ignored. */
export function sentenceMark(utteranceId: string, index: number): string {
  return `${utteranceId}#${index}`;
}

export function parseSentenceMark(
  name: string,
): { utteranceId: string; index: number } | undefined {
  const at = name.lastIndexOf('#');
  if (at < 0) return undefined;
  const index = Number(name.slice(at + 1));
  return Number.isInteger(index) ? { utteranceId: name.slice(0, at), index } : undefined;
}
