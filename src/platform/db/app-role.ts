import type pg from 'pg';

/**
 * The role the application connects as: it owns nothing, is no superuser and cannot bypass
 * RLS, so the database — not the application — keeps tenants apart. Roles are cluster-wide;
 * every Voxeron database on one server shares this role.
 */
export const appRole = 'voxeron_app';

/** Creates the application role or resets its attributes and password (idempotent). */
export async function ensureAppRole(owner: pg.ClientBase, password: string): Promise<void> {
  const literal = (
    await owner.query<{ q: string }>('select quote_literal($1::text) as q', [password])
  ).rows[0]!.q;
  const attributes = `login nosuperuser nobypassrls nocreatedb nocreaterole noinherit password ${literal}`;
  const exists = await owner.query('select 1 from pg_roles where rolname = $1', [appRole]);
  try {
    await owner.query(`${exists.rowCount ? 'alter' : 'create'} role ${appRole} ${attributes}`);
  } catch (error) {
    // Two processes migrating at once may both see "no role": the loser alters instead.
    if ((error as { code?: string }).code !== '42710') throw error;
    await owner.query(`alter role ${appRole} ${attributes}`);
  }
  const database = (await owner.query<{ db: string }>('select current_database() as db')).rows[0]!
    .db;
  await owner.query(`grant connect on database ${quoteIdent(database)} to ${appRole}`);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
