import type pg from 'pg';
import { ActionQueue } from '../../contracts/actions/action-type.ts';
import { delay } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { actionsChannel } from '../../platform/db/outbox.ts';
import type { Logger } from '../../platform/log/index.ts';

/**
 * Holds one connection that LISTENs on the actions channel and wakes the worker of the queue
 * named in each notification. Reconnects with backoff when the connection drops; what it
 * misses meanwhile the workers' polling picks up.
 */
export async function listenForActions(
  db: Database,
  onQueue: (queue: ActionQueue) => void,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    let client: pg.PoolClient | undefined;
    try {
      client = await db.pool.connect();
      const lost = new Promise<void>((resolve) => {
        client!.once('error', () => resolve());
        client!.once('end', () => resolve());
        // Aborted while connecting (a stop right after start): the listener never fires then.
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      client.on('notification', (message) => {
        const queue = ActionQueue.safeParse(message.payload);
        if (queue.success) onQueue(queue.data);
      });
      await client.query(`listen ${actionsChannel}`);
      failures = 0;
      // Work committed while we were away is found by this sweep.
      for (const queue of ActionQueue.options) onQueue(queue);
      await lost;
      // Destroyed, not pooled: it still LISTENs.
      client.release(true);
      client = undefined;
    } catch (error) {
      client?.release(true);
      if (signal.aborted) break;
      failures += 1;
      logger.warn({ err: error }, 'LISTEN connection failed; reconnecting');
    }
    if (!signal.aborted) {
      await delay(Math.min(200 * 2 ** failures, 10_000), signal).catch(() => undefined);
    }
  }
}
