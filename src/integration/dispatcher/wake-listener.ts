import { ActionQueue } from '../../contracts/actions/action-type.ts';
import type { Database } from '../../platform/db/database.ts';
import { actionsChannel } from '../../platform/db/outbox.ts';
import { listenResiliently } from '../../platform/db/resilient-listen.ts';
import type { Logger } from '../../platform/log/index.ts';

/**
 * Holds one connection that LISTENs on the actions channel and wakes the worker of the queue
 * named in each notification. Reconnects with backoff when the connection drops; what it
 * missed meanwhile is found by a sweep of every queue (and by the workers' polling).
 */
export async function listenForActions(
  db: Database,
  onQueue: (queue: ActionQueue) => void,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  await listenResiliently({
    pool: db.pool,
    channel: actionsChannel,
    onNotification: (payload) => {
      const queue = ActionQueue.safeParse(payload);
      if (queue.success) onQueue(queue.data);
    },
    onListening: () => {
      for (const queue of ActionQueue.options) onQueue(queue);
    },
    logger,
    what: 'dispatcher',
    signal,
  });
}
