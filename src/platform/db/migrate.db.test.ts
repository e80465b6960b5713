import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { silentLogger } from '../log/index.ts';
import { createDatabaseIfMissing } from './open-database.ts';
import { loadMigrations, migrate, type Migration } from './migrate.ts';
import {
  databaseUrl,
  dropDatabase,
  testAppPasswordEnv,
  testDatabasePrefix,
  testServerEnv,
} from './testing/test-database.ts';

const serverUrl = process.env[testServerEnv]!;
const appPassword = process.env[testAppPasswordEnv]!;
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `${testDatabasePrefix}${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(serverUrl, name);
  created.push(name);
  return databaseUrl(serverUrl, name);
}

after(async () => {
  for (const name of created) await dropDatabase(serverUrl, name);
});

const migration = (version: number, sql: string): Migration => ({
  version,
  name: `step_${version}`,
  sql,
  checksum: `c${version}:${sql}`,
});

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await client.query<{ t: string }>(
    `select tablename as t from pg_tables where schemaname = 'public' order by 1`,
  );
  await client.end();
  return rows.rows.map((row) => row.t);
}

describe('migrate', () => {
  it('applies the shipped migrations once; a second run applies nothing', async () => {
    const url = await emptyDatabase();
    const first = await migrate({ ownerUrl: url, appPassword, logger: silentLogger });
    assert.deepEqual(
      first.applied,
      loadMigrations().map((m) => m.version),
    );
    const second = await migrate({ ownerUrl: url, appPassword, logger: silentLogger });
    assert.deepEqual(second.applied, []);
    assert.equal(second.current, first.current);
  });

  it('rolls a failing migration back completely: nothing half-migrated', async () => {
    const url = await emptyDatabase();
    const migrations = [
      migration(1, 'create table good_one (id int)'),
      migration(2, 'create table half_done (id int); select 1/0;'),
    ];
    await assert.rejects(
      migrate({ ownerUrl: url, appPassword, logger: silentLogger, migrations }),
      /migration 2 \(step_2\) failed and was rolled back: division by zero/,
    );
    assert.deepEqual(await tables(url), ['good_one', 'voxeron_schema_migrations']);
    const fixed = [
      migration(1, 'create table good_one (id int)'),
      migration(2, 'create table half_done (id int)'),
    ];
    assert.deepEqual(
      (await migrate({ ownerUrl: url, appPassword, logger: silentLogger, migrations: fixed }))
        .applied,
      [2],
    );
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const url = await emptyDatabase();
    await migrate({
      ownerUrl: url,
      appPassword,
      logger: silentLogger,
      migrations: [migration(1, 'create table a (id int)')],
    });
    await assert.rejects(
      migrate({
        ownerUrl: url,
        appPassword,
        logger: silentLogger,
        migrations: [migration(1, 'create table a (id bigint)')],
      }),
      /migration 1 \(step_1\) changed after it was applied\. Fix: /,
    );
  });

  it('refuses to run on a database migrated by a newer version', async () => {
    const url = await emptyDatabase();
    await migrate({
      ownerUrl: url,
      appPassword,
      logger: silentLogger,
      migrations: [migration(1, 'select 1'), migration(2, 'select 2')],
    });
    await assert.rejects(
      migrate({
        ownerUrl: url,
        appPassword,
        logger: silentLogger,
        migrations: [migration(1, 'select 1')],
      }),
      /migrated to version 2 by a newer Voxeron/,
    );
  });

  it('migrates exactly once when several processes start together', async () => {
    const url = await emptyDatabase();
    const results = await Promise.all(
      [1, 2, 3].map(() => migrate({ ownerUrl: url, appPassword, logger: silentLogger })),
    );
    const appliedCounts = results.map((result) => result.applied.length).sort();
    assert.deepEqual(appliedCounts, [0, 0, loadMigrations().length]);
  });
});

describe('the application role', () => {
  it('survives many databases of one server migrating at the same moment', async () => {
    const urls = await Promise.all([1, 2, 3, 4, 5, 6].map(() => emptyDatabase()));
    const results = await Promise.all(
      urls.map((ownerUrl) => migrate({ ownerUrl, appPassword, logger: silentLogger })),
    );
    assert.ok(results.every((result) => result.applied.length === loadMigrations().length));
  });
});
