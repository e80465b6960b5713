/**
 * A bounded async queue between two pipeline stages. A fast producer waits in `send` while the
 * channel is full (backpressure), so a stalled consumer cannot make a call's memory grow without
 * bound; real-time producers that must never wait (a transport's 20 ms frames) use `trySend` and
 * decide what to drop.
 */
import { AbortedError } from '../../platform/errors.ts';

/** Thrown by `send` on a closed channel: the consumer has gone, the value has nowhere to go. */
export class ChannelClosedError extends Error {
  constructor() {
    super('send on a closed channel');
    this.name = 'ChannelClosedError';
  }
}

interface WaitingSender<T> {
  value: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Channel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private readonly senders: WaitingSender<T>[] = [];
  private readonly receivers: ((result: IteratorResult<T>) => void)[] = [];
  private closed = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`channel capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Values buffered and not yet received (waiting senders not included). */
  get size(): number {
    return this.buffer.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Delivers `value`, waiting while the channel is full. Rejects when closed or aborted. */
  send(value: T, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new ChannelClosedError());
    if (signal?.aborted) {
      return Promise.reject(new AbortedError('send was cancelled', { cause: signal.reason }));
    }
    if (this.trySend(value)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sender: WaitingSender<T> = {
        value,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const index = this.senders.indexOf(sender);
        if (index >= 0) this.senders.splice(index, 1);
        reject(new AbortedError('send was cancelled', { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.senders.push(sender);
    });
  }

  /** Delivers `value` if there is room now; false when full or closed (nothing is queued). */
  trySend(value: T): boolean {
    if (this.closed) return false;
    const receiver = this.receivers.shift();
    if (receiver) {
      receiver({ value, done: false });
      return true;
    }
    if (this.buffer.length >= this.capacity) return false;
    this.buffer.push(value);
    return true;
  }

  /**
   * No more values: iteration ends once the buffer is drained. Senders still waiting are
   * rejected with {@link ChannelClosedError}. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sender of this.senders.splice(0)) sender.reject(new ChannelClosedError());
    for (const receiver of this.receivers.splice(0)) receiver({ value: undefined, done: true });
  }

  private receive(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) {
      const value = this.buffer.shift() as T;
      // Room was made: the longest-waiting sender moves into the buffer.
      const sender = this.senders.shift();
      if (sender) {
        this.buffer.push(sender.value);
        sender.resolve();
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.receivers.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.receive(),
      // Breaking out of a for-await closes the channel: nobody else reads it.
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
