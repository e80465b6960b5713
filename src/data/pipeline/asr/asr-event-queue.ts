/**
 * The event side of an ASR stream: events pushed by the provider, read once through
 * `events()`. Ending it (close or abort) finishes the iterator after the events already queued,
 * or at once with `endNow` (an abort drops what the reader has not taken).
 */
import type { AsrEvent } from './asr-provider.ts';

export class AsrEventQueue {
  private readonly buffered: AsrEvent[] = [];
  private waiting: ((result: IteratorResult<AsrEvent>) => void) | undefined;
  private ended = false;
  private iterated = false;

  get isEnded(): boolean {
    return this.ended;
  }

  push(event: AsrEvent): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: event, done: false });
    } else {
      this.buffered.push(event);
    }
  }

  /** No more events; the reader still gets those already queued. */
  end(): void {
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  /** No more events, and those not yet read are dropped. */
  endNow(): void {
    this.buffered.length = 0;
    this.end();
  }

  events(): AsyncIterable<AsrEvent> {
    if (this.iterated) throw new Error('AsrStream.events() can be iterated only once');
    this.iterated = true;
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          const event = this.buffered.shift();
          if (event) return Promise.resolve({ value: event, done: false });
          if (this.ended) return Promise.resolve({ value: undefined, done: true });
          return new Promise<IteratorResult<AsrEvent>>((resolve) => {
            this.waiting = resolve;
          });
        },
        return: () => {
          this.endNow();
          return Promise.resolve({ value: undefined, done: true });
        },
      }),
    };
  }
}
