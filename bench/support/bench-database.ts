/**
 * A fresh, migrated database on an embedded PostgreSQL for one benchmark run (not the one
 * `npm start` uses): its owner URL and the app role's URL. `close()` stops the server.
 */
import path from 'node:path';
import { EmbeddedPostgresServer } from '../../src/platform/db/embedded/embedded-postgres-server.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { appRole } from '../../src/platform/db/app-role.ts';
import { createDatabaseIfMissing, withCredentials } from '../../src/platform/db/open-database.ts';
import { databaseUrl, dropDatabase } from '../../src/platform/db/testing/test-database.ts';
import { createLogger } from '../../src/platform/log/index.ts';

export interface BenchDatabase {
  ownerUrl: string;
  appUrl: string;
  close(): Promise<void>;
}

export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const logger = createLogger({ level: 'warn' });
  const server = new EmbeddedPostgresServer({
    dataDir: path.resolve(import.meta.dirname, '..', '..', '.voxeron', `bench-${name}`),
    port: 0,
    ownerPassword: 'voxeron-bench-owner',
    logger,
  });
  await server.start();
  try {
    const serverUrl = server.ownerUrl('postgres');
    const database = `voxeron_bench_${name.replace(/[^a-z0-9]/g, '_')}`;
    await dropDatabase(serverUrl, database);
    await createDatabaseIfMissing(serverUrl, database);
    const ownerUrl = databaseUrl(serverUrl, database);
    await migrate({ ownerUrl, appPassword: 'voxeron-bench-app', logger });
    return {
      ownerUrl,
      appUrl: withCredentials(ownerUrl, appRole, 'voxeron-bench-app'),
      close: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
