import pg from 'pg';
import type { Config } from '../config/index.ts';
import { ConfigError, errorMessage } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { appRole, quoteIdent } from './app-role.ts';
import { Database } from './database.ts';
import { EmbeddedPostgresServer } from './embedded/embedded-postgres-server.ts';
import { loadOrCreateLocalSecrets } from './embedded/local-secrets.ts';
import { migrate, type MigrateResult } from './migrate.ts';

export interface OpenedDatabase {
  db: Database;
  /** Owner URL (migrations, admin tasks); never handed to request handlers. */
  ownerUrl: string;
  appUrl: string;
  migration: MigrateResult;
  /** Present when the embedded server was started for this process. */
  embedded: EmbeddedPostgresServer | undefined;
  /** Closes the pool, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

const embeddedDatabaseName = 'voxeron';

/**
 * The database as `voxeron start` needs it: the embedded server when no DATABASE_URL is set,
 * migrations applied, and a pool that logs in as the application role.
 */
export interface OpenDatabaseOptions {
  signal?: AbortSignal;
  /** Use the embedded server another running Voxeron owns, instead of refusing. @default false */
  attachToRunning?: boolean;
}

export async function openDatabase(
  config: Config,
  logger: Logger,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const { signal } = options;
  const secrets = loadOrCreateLocalSecrets(config.dataDir);
  const appPassword = config.databaseAppPassword ?? secrets.appPassword;
  let embedded: EmbeddedPostgresServer | undefined;
  let ownerUrl = config.databaseUrl;
  if (ownerUrl === undefined) {
    embedded = new EmbeddedPostgresServer({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      ownerPassword: secrets.ownerPassword,
      logger,
      attachToRunning: options.attachToRunning ?? false,
    });
    await embedded.start(signal);
    await createDatabaseIfMissing(embedded.ownerUrl(), embeddedDatabaseName);
    ownerUrl = embedded.ownerUrl(embeddedDatabaseName);
    logger.info({ port: embedded.port }, 'embedded PostgreSQL is running');
  } else {
    await checkReachable(ownerUrl);
  }
  try {
    const migration = await migrate({ ownerUrl, appPassword, logger });
    const appUrl = config.databaseAppUrl ?? withCredentials(ownerUrl, appRole, appPassword);
    const pool = createAppPool(appUrl, config.databasePoolSize);
    const db = new Database(pool);
    return {
      db,
      ownerUrl,
      appUrl,
      migration,
      embedded,
      close: async () => {
        logger.debug('closing the database pool');
        await db.close();
        logger.debug('stopping the embedded PostgreSQL');
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export function createAppPool(appUrl: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: appUrl,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server emits here; the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const where = (() => {
      const parsed = new URL(url);
      return `${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.slice(1)}`;
    })();
    throw new ConfigError(
      `database: DATABASE_URL (${where}) is unreachable: ${errorMessage(error)}. Fix: start that PostgreSQL server or correct DATABASE_URL; unset it to use the embedded database.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createDatabaseIfMissing(ownerUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await client.query(`create database ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}
