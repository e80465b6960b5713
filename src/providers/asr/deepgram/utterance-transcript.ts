/**
 * The caller's words since the last flush. Deepgram finalises an utterance in segments (each
 * `is_final` result covers new audio, never repeats earlier segments); the interim result is the
 * hypothesis for audio after the last segment. Partials show segments + interim; the final joins
 * the segments.
 */
export class UtteranceTranscript {
  private readonly segments: { text: string; confidence: number | undefined }[] = [];
  private interim = '';

  /** Applies one result; returns the text a partial would show now. */
  apply(transcript: string, isFinal: boolean, confidence: number | undefined): string {
    const text = transcript.trim();
    if (isFinal) {
      if (text) this.segments.push({ text, confidence });
      this.interim = '';
    } else {
      this.interim = text;
    }
    return this.current();
  }

  current(): string {
    return [...this.segments.map((segment) => segment.text), this.interim]
      .filter(Boolean)
      .join(' ');
  }

  /**
   * The utterance's text and the mean confidence of its final segments (undefined when none), and
   * a reset for the next utterance. A trailing interim is kept: it is only left over when Deepgram
   * never answered the Finalize, and its best guess beats dropping the caller's last words.
   */
  take(): { text: string; confidence: number | undefined } {
    const text = this.current();
    const scores = this.segments
      .map((segment) => segment.confidence)
      .filter((score): score is number => score !== undefined);
    const confidence =
      scores.length === 0 ? undefined : scores.reduce((sum, s) => sum + s, 0) / scores.length;
    this.segments.length = 0;
    this.interim = '';
    return { text, confidence };
  }
}
