import type pg from 'pg';

export interface ChainBreak {
  tenantId: string;
  /** The first seq whose hash, link or position does not hold. */
  seq: number;
  reason: string;
}

export interface ChainReport {
  tenants: number;
  rows: number;
  breaks: ChainBreak[];
}

interface AuditRowCheck {
  tenant_id: string;
  seq: string;
  prev_hash: Buffer | null;
  hash: Buffer;
  expected: Buffer;
}

/**
 * Recomputes every tenant's audit chain through the owner connection (it reads all tenants):
 * seq must run 1, 2, 3…, each prev_hash must be the previous row's hash, and each hash must be
 * sha256(prev_hash || canonical JSON) of the row as stored. Reports the first break per tenant.
 */
export async function verifyAuditChains(
  owner: pg.ClientBase | pg.Pool,
  tenantId?: string,
): Promise<ChainReport> {
  // Without a tenant filter the platform chain (0005 platform_audit_log: flags, global kill
  // switches, model policies) is checked too, reported as tenant "platform".
  const platformChain = tenantId
    ? ''
    : `union all select 'platform', p.seq, p.prev_hash, p.hash,
         platform_audit_log_expected_hash(p, p.prev_hash) from platform_audit_log p`;
  const rows = await owner.query<AuditRowCheck>(
    `select * from (
       select a.tenant_id::text as tenant_id, a.seq, a.prev_hash, a.hash,
         audit_log_expected_hash(a, a.prev_hash) as expected
       from audit_log a ${tenantId ? 'where a.tenant_id = $1' : ''}
       ${platformChain}
     ) chain order by tenant_id, seq`,
    tenantId ? [tenantId] : [],
  );
  const breaks: ChainBreak[] = [];
  const broken = new Set<string>();
  let tenant: string | undefined;
  let previous: Buffer | null = null;
  let expectedSeq = 1;
  let tenants = 0;
  for (const row of rows.rows) {
    if (row.tenant_id !== tenant) {
      tenant = row.tenant_id;
      tenants += 1;
      previous = null;
      expectedSeq = 1;
    }
    if (broken.has(row.tenant_id)) continue;
    const seq = Number(row.seq);
    const reason =
      seq !== expectedSeq
        ? `expected seq ${expectedSeq}: a row is missing`
        : !sameBytes(row.prev_hash, previous)
          ? 'prev_hash is not the previous row’s hash'
          : !row.hash.equals(row.expected)
            ? 'hash does not match the row’s contents: the row was altered'
            : undefined;
    if (reason) {
      breaks.push({ tenantId: row.tenant_id, seq, reason });
      broken.add(row.tenant_id);
      continue;
    }
    previous = row.hash;
    expectedSeq += 1;
  }
  return { tenants, rows: rows.rowCount ?? 0, breaks };
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}
