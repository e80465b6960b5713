import type { Database } from '../../platform/db/index.ts';
import { listenResiliently } from '../../platform/db/resilient-listen.ts';
import type { Logger } from '../../platform/log/index.ts';

/** Notified (payload: the location id) when a print job is created or its cancel requested. */
export const printJobsChannel = 'voxeron_print_jobs';

/**
 * Holds one LISTEN connection for the link server and calls `onLocation` for each location
 * with new print work (migration 0011). After a dropped connection it calls `onAll`: what was
 * notified meanwhile is lost, so every session looks now. Resolves when `signal` aborts.
 */
export async function listenForPrintJobs(options: {
  db: Database;
  onLocation: (locationId: string) => void;
  onAll: () => void;
  logger: Logger;
  signal: AbortSignal;
}): Promise<void> {
  await listenResiliently({
    pool: options.db.pool,
    channel: printJobsChannel,
    onNotification: (payload) => {
      if (payload) options.onLocation(payload);
    },
    onListening: (reconnected) => {
      if (reconnected) options.onAll();
    },
    logger: options.logger,
    what: 'edge link',
    signal: options.signal,
  });
}
