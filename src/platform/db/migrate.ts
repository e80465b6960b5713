import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ConfigError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { ensureAppRole } from './app-role.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migrations shipped with this version, in order. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = fileName.exec(file);
      if (!match) throw new Error(`migration file ${file} must be named NNNN_snake_case.sql`);
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export interface MigrateOptions {
  /** Owner connection: creates the app role and the schema. */
  ownerUrl: string;
  appPassword: string;
  logger: Logger;
  migrations?: Migration[];
}

export interface MigrateResult {
  applied: number[];
  current: number;
}

/**
 * Applies pending migrations, each in its own transaction (nothing half-migrated), under an
 * advisory lock so that several processes starting at once migrate exactly once. A migration
 * edited after it was applied stops the run: schema history must not be rewritten.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const migrations = options.migrations ?? loadMigrations();
  const client = new pg.Client({ connectionString: options.ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('voxeron.migrate'))`);
    await client.query(`create table if not exists voxeron_schema_migrations (
      version integer primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`);
    await ensureAppRole(client, options.appPassword);
    const done = new Map(
      (
        await client.query<{ version: number; checksum: string }>(
          'select version, checksum from voxeron_schema_migrations',
        )
      ).rows.map((row) => [row.version, row.checksum]),
    );
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done.keys());
    if (newest > known) {
      throw new ConfigError(
        `database: it was migrated to version ${newest} by a newer Voxeron, this one knows up to ${known}. Fix: run the newer version, or restore a backup.`,
      );
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      const checksum = done.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new ConfigError(
            `database: migration ${migration.version} (${migration.name}) changed after it was applied. Fix: restore the file and put the change in a new migration.`,
          );
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query(
          'insert into voxeron_schema_migrations (version, name, checksum) values ($1, $2, $3)',
          [migration.version, migration.name, migration.checksum],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(
          `migration ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      applied.push(migration.version);
      options.logger.info(
        { version: migration.version, name: migration.name },
        'migration applied',
      );
    }
    return { applied, current: Math.max(known, newest) };
  } finally {
    await client
      .query(`select pg_advisory_unlock(hashtext('voxeron.migrate'))`)
      .catch(() => undefined);
    await client.end();
  }
}
