import os from 'node:os';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase, type Database } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliIo } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

/** How the audit log names a change made on this machine's command line. */
export const cliActor = () => `cli:${os.userInfo().username}`;

/**
 * Opens the running platform's database (or the configured one), runs `work`, closes it. A
 * failure to open is reported the start-up way (one line, exit code) instead of thrown.
 */
export async function withCliDatabase(
  io: CliIo,
  work: (db: Database) => Promise<number>,
): Promise<number> {
  let opened;
  try {
    opened = await openDatabase(loadConfig(), createLogger({ level: 'warn' }), {
      signal: io.signal,
      attachToRunning: true,
    });
  } catch (error) {
    return reportStartupError(error, io);
  }
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}
