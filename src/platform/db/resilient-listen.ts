import type pg from 'pg';
import { delay } from '../clock.ts';
import type { Logger } from '../log/index.ts';

export interface ResilientListenOptions {
  pool: pg.Pool;
  /** A channel name (a plain identifier: it is not quoted). */
  channel: string;
  /** Each notification's payload, in order. */
  onNotification: (payload: string | undefined) => void;
  /**
   * Called each time LISTEN is in place. `reconnected` is true after a lost connection: what
   * was notified meanwhile is lost, so the caller catches up (reload, sweep, invalidate all).
   */
  onListening?: (reconnected: boolean) => void | Promise<void>;
  logger: Logger;
  /** Names the listener in logs, e.g. 'runtime controls'. */
  what: string;
  /** First reconnect delay, doubled per failure up to 10 s. @default 200 */
  reconnectBaseMs?: number;
  signal: AbortSignal;
}

/**
 * Holds one connection that LISTENs on a channel until `signal` aborts. When the connection
 * drops (server restart, pg_terminate_backend, network), it reconnects with backoff and tells
 * `onListening` so the caller can catch up on what it missed. Resolves when stopped.
 */
export async function listenResiliently(options: ResilientListenOptions): Promise<void> {
  const { signal, logger, what } = options;
  let failures = 0;
  let connectedBefore = false;
  while (!signal.aborted) {
    let client: pg.PoolClient | undefined;
    try {
      client = await options.pool.connect();
      const connection = client;
      const lost = new Promise<void>((resolve) => {
        connection.once('error', () => resolve());
        connection.once('end', () => resolve());
        // Aborted while connecting (a stop right after start): the listener never fires then.
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      connection.on('notification', (message) => {
        if (message.channel === options.channel) options.onNotification(message.payload);
      });
      await connection.query(`listen ${options.channel}`);
      failures = 0;
      await options.onListening?.(connectedBefore);
      connectedBefore = true;
      await lost;
      if (!signal.aborted) logger.warn(`${what} LISTEN connection lost; reconnecting`);
    } catch (error) {
      if (signal.aborted) break;
      failures += 1;
      logger.warn({ err: error }, `${what} LISTEN failed; reconnecting`);
    } finally {
      // Destroyed, never pooled: it may still LISTEN.
      client?.release(true);
    }
    if (!signal.aborted) {
      const baseMs = options.reconnectBaseMs ?? 200;
      await delay(Math.min(baseMs * 2 ** failures, 10_000), signal).catch(() => undefined);
    }
  }
}
