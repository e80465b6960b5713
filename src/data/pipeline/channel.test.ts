import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../../platform/errors.ts';
import { Channel, ChannelClosedError } from './channel.ts';

async function collect<T>(channel: Channel<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of channel) values.push(value);
  return values;
}

describe('Channel', () => {
  it('delivers values in order and ends iteration after draining on close', async () => {
    const channel = new Channel<number>(4);
    await channel.send(1);
    await channel.send(2);
    channel.close();
    assert.deepEqual(await collect(channel), [1, 2]);
  });

  it('makes a producer wait while full (backpressure) and resumes it as the consumer reads', async () => {
    const channel = new Channel<number>(2);
    const progress: string[] = [];
    const producer = (async () => {
      for (let i = 1; i <= 5; i++) {
        await channel.send(i);
        progress.push(`sent ${i}`);
      }
      channel.close();
    })();
    // Let the producer run as far as it can.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(progress, ['sent 1', 'sent 2']);
    assert.equal(channel.size, 2);
    const received = await collect(channel);
    await producer;
    assert.deepEqual(received, [1, 2, 3, 4, 5]);
    assert.equal(progress.length, 5);
  });

  it('hands a value straight to a waiting receiver', async () => {
    const channel = new Channel<string>(1);
    const iterator = channel[Symbol.asyncIterator]();
    const next = iterator.next();
    assert.equal(channel.trySend('a'), true);
    assert.deepEqual(await next, { value: 'a', done: false });
    assert.equal(channel.size, 0);
  });

  it('trySend refuses when full or closed without queuing', () => {
    const channel = new Channel<number>(1);
    assert.equal(channel.trySend(1), true);
    assert.equal(channel.trySend(2), false);
    assert.equal(channel.size, 1);
    channel.close();
    assert.equal(channel.trySend(3), false);
  });

  it('send after close throws a clear error; close rejects waiting senders', async () => {
    const channel = new Channel<number>(1);
    await channel.send(1);
    const waiting = channel.send(2);
    channel.close();
    await assert.rejects(waiting, ChannelClosedError);
    await assert.rejects(channel.send(3), /send on a closed channel/);
    assert.deepEqual(await collect(channel), [1]);
  });

  it('abort rejects a waiting send and leaves its value out', async () => {
    const channel = new Channel<number>(1);
    await channel.send(1);
    const controller = new AbortController();
    const waiting = channel.send(2, controller.signal);
    controller.abort();
    await assert.rejects(waiting, AbortedError);
    await assert.rejects(channel.send(3, controller.signal), AbortedError);
    channel.close();
    assert.deepEqual(await collect(channel), [1]);
  });

  it('ends a pending receive when closed, and closes when the consumer breaks out', async () => {
    const channel = new Channel<number>(1);
    const pending = collect(channel);
    channel.close();
    assert.deepEqual(await pending, []);

    const other = new Channel<number>(2);
    await other.send(1);
    for await (const value of other) {
      assert.equal(value, 1);
      break;
    }
    assert.equal(other.isClosed, true);
    await assert.rejects(other.send(2), ChannelClosedError);
  });
});
