import type pg from 'pg';
import { delay } from '../clock.ts';

/**
 * The role the application connects as: it owns nothing, is no superuser and cannot bypass
 * RLS, so the database — not the application — keeps tenants apart. Roles are cluster-wide;
 * every Voxeron database on one server shares this role.
 */
export const appRole = 'voxeron_app';

/**
 * SQLSTATEs of a race between processes migrating different databases of one server at once:
 * roles are cluster-wide but our migration lock is per database. 42710: both saw "no role" and
 * one created it first; XX000 ("tuple concurrently updated"): both altered it at once.
 */
const roleRaceCodes = new Set(['42710', 'XX000']);

/** Creates the application role or resets its attributes and password (idempotent). */
export async function ensureAppRole(owner: pg.ClientBase, password: string): Promise<void> {
  const literal = (
    await owner.query<{ q: string }>('select quote_literal($1::text) as q', [password])
  ).rows[0]!.q;
  const attributes = `login nosuperuser nobypassrls nocreatedb nocreaterole noinherit password ${literal}`;
  for (let attempt = 1; ; attempt++) {
    const exists = await owner.query('select 1 from pg_roles where rolname = $1', [appRole]);
    try {
      await owner.query(`${exists.rowCount ? 'alter' : 'create'} role ${appRole} ${attributes}`);
      break;
    } catch (error) {
      if (!roleRaceCodes.has((error as { code?: string }).code ?? '') || attempt >= 5) throw error;
      await delay(20 + Math.random() * 80 * attempt);
    }
  }
  const database = (await owner.query<{ db: string }>('select current_database() as db')).rows[0]!
    .db;
  await owner.query(`grant connect on database ${quoteIdent(database)} to ${appRole}`);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
