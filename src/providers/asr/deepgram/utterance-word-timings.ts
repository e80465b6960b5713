/**
 * The caller's words since the last flush with where each ends in the stream's audio (Deepgram's
 * `words[].end`, seconds from the stream's start), kept the way {@link UtteranceTranscript}
 * keeps the text: final segments plus the interim hypothesis after them. They let the stream
 * report each word's emission lag (ADR 0017).
 */
export interface TimedWord {
  word: string;
  endSeconds: number;
}

export class UtteranceWordTimings {
  private readonly finalized: TimedWord[] = [];
  private interim: TimedWord[] = [];

  /** Applies one result's words (undefined when Deepgram sent none). */
  apply(words: readonly TimedWord[] | undefined, isFinal: boolean): void {
    if (isFinal) {
      this.finalized.push(...(words ?? []));
      this.interim = [];
    } else {
      this.interim = [...(words ?? [])];
    }
  }

  current(): TimedWord[] {
    return [...this.finalized, ...this.interim];
  }

  /** The utterance's words (a trailing interim included, as the final text does), and a reset. */
  take(): TimedWord[] {
    const words = this.current();
    this.finalized.length = 0;
    this.interim = [];
    return words;
  }
}
