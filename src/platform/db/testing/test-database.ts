import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { appRole, quoteIdent } from '../app-role.ts';
import { Database } from '../database.ts';
import { createAppPool, withCredentials } from '../open-database.ts';

/** Set by scripts/run-tests.ts: the owner URL of the test server and the migrated template. */
export const testServerEnv = 'VOXERON_TEST_DATABASE_URL';
export const testTemplateEnv = 'VOXERON_TEST_TEMPLATE';
export const testAppPasswordEnv = 'VOXERON_TEST_APP_PASSWORD';
export const testDatabasePrefix = 'voxeron_test_';

/** A fresh, migrated database of its own for one test file, dropped by `close()`. */
export interface TestDatabase {
  name: string;
  /** The application's view: the voxeron_app role, RLS in force. */
  db: Database;
  /** The owner's view, for seeding and catalog checks; bypasses nothing but FORCE RLS. */
  owner: pg.Pool;
  ownerUrl: string;
  appUrl: string;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[testServerEnv];
  const template = process.env[testTemplateEnv];
  const appPassword = process.env[testAppPasswordEnv];
  if (!serverUrl || !template || !appPassword) {
    throw new Error(
      `database tests need ${testServerEnv}, ${testTemplateEnv} and ${testAppPasswordEnv}: run them through \`npm run test:only -- <file>\` (scripts/run-tests.ts), which starts PostgreSQL and sets them.`,
    );
  }
  const name = `${testDatabasePrefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
    await admin.query(`grant connect on database ${quoteIdent(name)} to ${appRole}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = databaseUrl(serverUrl, name);
  const appUrl = withCredentials(ownerUrl, appRole, appPassword);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 3 });
  owner.on('error', () => undefined);
  const db = new Database(createAppPool(appUrl, 5));
  return {
    name,
    db,
    owner,
    ownerUrl,
    appUrl,
    close: async () => {
      await db.close();
      await owner.end();
      await dropDatabase(serverUrl, name);
    },
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await admin.end();
  }
}
