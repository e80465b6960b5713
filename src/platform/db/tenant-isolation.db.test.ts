import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { newId } from '../ids.ts';
import { appRole } from './app-role.ts';
import { Database } from './database.ts';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';
import { seedEveryTenantTable } from './testing/seed-every-table.ts';

let test: TestDatabase;
let tenantTables: string[];
const tenantA = newId();
const tenantB = newId();
/** Every table's tenant column: `id` for tenants itself, `tenant_id` elsewhere. */
const tenantColumn = (table: string) => (table === 'tenants' ? 'id' : 'tenant_id');

before(async () => {
  test = await createTestDatabase();
  const tables = await test.owner.query<{ table_name: string }>(
    `select table_name from information_schema.columns
     where table_schema = 'public' and column_name = 'tenant_id'
       and table_name not in ('route_directory')
     order by table_name`,
  );
  tenantTables = ['tenants', ...tables.rows.map((row) => row.table_name)];
  const blueprintId = newId();
  await test.db.withoutTenant((tx) =>
    tx.query(
      `insert into blueprints (id, sector, version, definition, created_by) values ($1, 'restaurant', 1, '{}', 'seed')`,
      [blueprintId],
    ),
  );
  for (const tenant of [tenantA, tenantB]) {
    await test.db.withTenant(tenant, (tx) => seedEveryTenantTable(tx, blueprintId));
  }
});

after(async () => {
  await test.close();
});

describe('row-level security', () => {
  it('is enabled and forced on every table with a tenant_id, with the tenant policy', async () => {
    const rows = await test.owner.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policy: string | null;
    }>(
      `select c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (select string_agg(pg_get_expr(p.polqual, p.polrelid), ' ') from pg_policy p where p.polrelid = c.oid) as policy
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and c.relname = any($1)`,
      [tenantTables],
    );
    assert.equal(rows.rowCount, tenantTables.length);
    for (const row of rows.rows) {
      assert.ok(row.relrowsecurity, `${row.relname}: RLS is not enabled`);
      assert.ok(row.relforcerowsecurity, `${row.relname}: RLS is not forced`);
      assert.match(
        row.policy ?? '',
        /nullif\(current_setting\('app\.tenant_id'::text, true\), ''::text\)\)::uuid/i,
        `${row.relname}: no tenant policy`,
      );
    }
  });

  it('the application role is no superuser, cannot bypass RLS and owns nothing', async () => {
    const role = await test.owner.query(
      `select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1`,
      [appRole],
    );
    assert.deepEqual(role.rows[0], {
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
    const owned = await test.owner.query(
      `select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1
       union all select n.nspname from pg_namespace n join pg_roles r on r.oid = n.nspowner where r.rolname = $1`,
      [appRole],
    );
    assert.deepEqual(owned.rows, []);
    const current = await test.db.withoutTenant((tx) =>
      tx.query<{ current_user: string }>('select current_user'),
    );
    assert.equal(current.rows[0]?.current_user, appRole);
  });

  it('every unique key and every foreign key between tenant tables includes tenant_id', async () => {
    const uniques = await test.owner.query<{ table: string; index: string }>(
      `select t.relname as table, i.relname as index
       from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
       join pg_namespace n on n.oid = t.relnamespace
       where n.nspname = 'public' and x.indisunique and t.relname = any($1) and t.relname <> 'tenants'
         and not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(x.indkey))`,
      [tenantTables],
    );
    assert.deepEqual(
      uniques.rows,
      [],
      'unique keys without tenant_id let one tenant learn about another',
    );
    const foreignKeys = await test.owner.query<{ table: string; constraint: string }>(
      `select t.relname as table, c.conname as constraint
       from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
       where c.contype = 'f' and t.relname = any($1) and r.relname = any($1) and r.relname <> 'tenants'
         and not exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant_id' and a.attnum = any(c.conkey))`,
      [tenantTables],
    );
    assert.deepEqual(
      foreignKeys.rows,
      [],
      "a foreign key without tenant_id could point at another tenant's row",
    );
  });

  it('the seed reaches every tenant table, so the checks below cover them all', async () => {
    for (const table of tenantTables) {
      const count = await test.db.withTenant(tenantA, (tx) => tx.query(`select 1 from ${table}`));
      assert.ok(
        (count.rowCount ?? 0) > 0,
        `${table} has no seeded row: extend seedEveryTenantTable`,
      );
    }
  });

  it('tenant A cannot read, update or delete tenant B rows through any table', async () => {
    for (const table of tenantTables) {
      const column = tenantColumn(table);
      await test.db.withTenant(tenantA, async (tx) => {
        const read = await tx.query(`select * from ${table} where ${column} = $1`, [tenantB]);
        assert.equal(read.rowCount, 0, `${table}: A read B's rows`);
        const all = await tx.query<{ owner: string }>(
          `select ${column}::text as owner from ${table}`,
        );
        assert.ok(
          all.rows.every((row) => row.owner === tenantA),
          `${table}: A saw rows that are not A's`,
        );
      });
      for (const [verb, statement] of [
        ['UPDATE', `update ${table} set ${column} = ${column} where ${column} = $1`],
        ['DELETE', `delete from ${table} where ${column} = $1`],
      ] as const) {
        const granted = await test.owner.query<{ ok: boolean }>(
          'select has_table_privilege($1, $2, $3) as ok',
          [appRole, table, verb],
        );
        const attempt = test.db.withTenant(tenantA, (tx) => tx.query(statement, [tenantB]));
        if (granted.rows[0]?.ok) {
          assert.equal((await attempt).rowCount, 0, `${table}: A could ${verb} B's rows`);
        } else {
          await assert.rejects(
            attempt,
            (error: { code?: string }) => error.code === '42501',
            `${table}: ${verb} was not refused`,
          );
        }
      }
    }
    const stillThere = await test.owner.query(
      `select count(*)::int as n from sessions where tenant_id = $1`,
      [tenantB],
    );
    assert.equal(stillThere.rows[0].n, 1);
  });

  it('tenant A cannot insert rows that belong to tenant B into any table', async () => {
    for (const table of tenantTables) {
      const column = tenantColumn(table);
      await assert.rejects(
        test.db.withTenant(tenantA, (tx) =>
          tx.query(
            `insert into ${table}
             select (json_populate_record(null::${table}, (to_jsonb(x) || jsonb_build_object('${column}', $1::text))::json)).*
             from ${table} x limit 1`,
            [tenantB],
          ),
        ),
        (error: { code?: string }) => error.code === '42501',
        `${table}: A inserted a row for B`,
      );
    }
  });

  it('with no tenant set, every tenant table reads empty and refuses writes', async () => {
    for (const table of tenantTables) {
      const read = await test.db.withoutTenant((tx) => tx.query(`select 1 from ${table}`));
      assert.equal(read.rowCount, 0, `${table}: readable without a tenant`);
    }
    await assert.rejects(
      test.db.withoutTenant((tx) =>
        tx.query(`insert into tenants (id, name, slug) values ($1, 'x', 'no-tenant')`, [newId()]),
      ),
      (error: { code?: string }) => error.code === '42501',
    );
  });

  it('a pooled connection used for A then for B carries nothing over', async () => {
    const single = new Database(new pg.Pool({ connectionString: test.appUrl, max: 1 }));
    try {
      const seenByA = await single.withTenant(tenantA, (tx) =>
        tx.query<{ id: string }>('select id::text from tenants'),
      );
      const seenByB = await single.withTenant(tenantB, (tx) =>
        tx.query<{ id: string }>('select id::text from tenants'),
      );
      assert.deepEqual(
        seenByA.rows.map((r) => r.id),
        [tenantA],
      );
      assert.deepEqual(
        seenByB.rows.map((r) => r.id),
        [tenantB],
      );
      const afterwards = await single.pool.query<{ tenant: string | null }>(
        `select current_setting('app.tenant_id', true) as tenant`,
      );
      assert.ok(!afterwards.rows[0]?.tenant, 'the tenant setting outlived its transaction');
      const leaked = await single.pool.query('select * from sessions');
      assert.equal(leaked.rowCount, 0);
    } finally {
      await single.close();
    }
  });

  it('a failed unit of work rolls back and leaves the connection clean', async () => {
    await assert.rejects(
      test.db.withTenant(tenantA, async (tx) => {
        await tx.query(`update tenant_locations set name = 'changed'`);
        throw new Error('boom');
      }),
      /boom/,
    );
    const names = await test.db.withTenant(tenantA, (tx) =>
      tx.query<{ name: string }>('select name from tenant_locations'),
    );
    assert.deepEqual(
      names.rows.map((r) => r.name),
      ['Main street'],
    );
  });
});

describe('events', () => {
  it('are append-only for the application: no update, no delete', async () => {
    for (const statement of [
      `update events set type = 'Changed'`,
      `delete from events`,
      `update audit_log set actor = 'x'`,
      `delete from audit_log`,
    ]) {
      await assert.rejects(
        test.db.withTenant(tenantA, (tx) => tx.query(statement)),
        (error: { code?: string }) => error.code === '42501',
        statement,
      );
    }
  });

  it('get gapless positions per tenant, in commit order', async () => {
    const correlation = newId();
    for (let i = 0; i < 3; i++) {
      await test.db.withTenant(tenantB, (tx) =>
        tx.query(
          `insert into events (tenant_id, id, type, version, correlation_id, occurred_at, payload) values ($1, $2, 'MenuUpdated', 1, $3, now(), '{}')`,
          [tenantB, newId(), correlation],
        ),
      );
    }
    const seqs = await test.db.withTenant(tenantB, (tx) =>
      tx.query<{ seq: string }>('select seq from events order by seq'),
    );
    assert.deepEqual(
      seqs.rows.map((r) => Number(r.seq)),
      [1, 2, 3, 4],
    );
  });
});

describe('route directory', () => {
  it('resolves a dialled number to its tenant without a tenant set, and numbers are unique platform-wide', async () => {
    const route = await test.db.withTenant(tenantA, (tx) =>
      tx.query<{ address: string; location_id: string }>(
        'select address, location_id::text from routes',
      ),
    );
    const { address, location_id } = route.rows[0]!;
    const resolved = await test.db.withoutTenant((tx) =>
      tx.query('select tenant_id::text, location_id::text from resolve_route($1)', [address]),
    );
    assert.deepEqual(resolved.rows, [{ tenant_id: tenantA, location_id }]);
    const locationB = await test.db.withTenant(tenantB, (tx) =>
      tx.query<{ id: string }>('select id::text from tenant_locations'),
    );
    await assert.rejects(
      test.db.withTenant(tenantB, (tx) =>
        tx.query(
          `insert into routes (tenant_id, id, location_id, kind, address) values ($1, $2, $3, 'phone', $4)`,
          [tenantB, newId(), locationB.rows[0]!.id, address],
        ),
      ),
      (error: { code?: string }) => error.code === '23505',
    );
    await assert.rejects(
      test.db.withoutTenant((tx) => tx.query('select * from route_directory')),
      (error: { code?: string }) => error.code === '42501',
    );
  });
});
