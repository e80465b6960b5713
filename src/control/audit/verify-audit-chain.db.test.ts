import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { createTenantFixture } from '../testing/api-fixture.ts';
import { verifyAuditChains } from './verify-audit-chain.ts';
import { writePlatformAudit } from './write-platform-audit.ts';
import { writeAudit } from './write-audit.ts';

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(async () => {
  await test.close();
});

const entry = (n: number) => ({
  actor: 'tenant_admin:test',
  action: 'location.update',
  resourceType: 'location',
  resourceId: `loc-${n}`,
  before: { name: `v${n}` },
  after: { name: `v${n + 1}` },
  requestId: `req-${n}`,
});

describe('the audit hash chain', () => {
  it('is assigned by the database: gapless seq, each row linked to the previous', async () => {
    const { tenantId } = await createTenantFixture(test.db, 'chain');
    for (let n = 0; n < 3; n++)
      await test.db.withTenant(tenantId, (tx) => writeAudit(tx, entry(n)));
    const rows = await test.db.withTenant(tenantId, (tx) =>
      tx.query<{ seq: string; prev_hash: Buffer | null; hash: Buffer }>(
        'select seq, prev_hash, hash from audit_log order by seq',
      ),
    );
    assert.deepEqual(
      rows.rows.map((row) => Number(row.seq)),
      [1, 2, 3],
    );
    assert.equal(rows.rows[0]!.prev_hash, null);
    assert.ok(rows.rows[1]!.prev_hash!.equals(rows.rows[0]!.hash));
    assert.deepEqual((await verifyAuditChains(test.owner, tenantId)).breaks, []);
  });

  it('concurrent writers of one tenant still produce one unbroken chain', async () => {
    const { tenantId } = await createTenantFixture(test.db, 'race');
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        test.db.withTenant(tenantId, (tx) => writeAudit(tx, entry(n))),
      ),
    );
    const report = await verifyAuditChains(test.owner, tenantId);
    assert.equal(report.rows, 8);
    assert.deepEqual(report.breaks, []);
  });

  it('detects a row altered by the owner (append-only trigger disabled) at its seq', async () => {
    const { tenantId } = await createTenantFixture(test.db, 'tamper');
    for (let n = 0; n < 4; n++)
      await test.db.withTenant(tenantId, (tx) => writeAudit(tx, entry(n)));
    await test.owner.query('alter table audit_log disable trigger audit_log_append_only');
    try {
      await test.owner.query(
        `update audit_log set after = '{"name":"forged"}' where tenant_id = $1 and seq = 3`,
        [tenantId],
      );
    } finally {
      await test.owner.query('alter table audit_log enable trigger audit_log_append_only');
    }
    const report = await verifyAuditChains(test.owner);
    assert.deepEqual(
      report.breaks.map((b) => [b.tenantId, b.seq]),
      [[tenantId, 3]],
    );
    assert.match(report.breaks[0]!.reason, /altered/);
  });

  it('checks the platform chain too: a forged flag change is found', async () => {
    for (let n = 0; n < 3; n++) {
      await test.db.withoutTenant((tx) =>
        writePlatformAudit(tx, { ...entry(n), resourceType: 'feature_flag' }),
      );
    }
    const intact = await verifyAuditChains(test.owner);
    assert.ok(intact.breaks.every((b) => b.tenantId !== 'platform'));
    await test.owner.query(
      'alter table platform_audit_log disable trigger platform_audit_log_append_only',
    );
    try {
      await test.owner.query(`update platform_audit_log set actor = 'someone-else' where seq = 2`);
    } finally {
      await test.owner.query(
        'alter table platform_audit_log enable trigger platform_audit_log_append_only',
      );
    }
    const report = await verifyAuditChains(test.owner);
    assert.deepEqual(
      report.breaks.filter((b) => b.tenantId === 'platform').map((b) => b.seq),
      [2],
    );
  });
});
