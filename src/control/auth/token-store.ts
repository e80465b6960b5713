import pg from 'pg';
import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { Scope, TenantRole } from './roles.ts';
import { issueToken } from './token-format.ts';

export interface TokenRecord {
  id: string;
  name: string;
  role: TenantRole;
  scopes: Scope[];
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedFrom: string | null;
}

export interface NewTokenOptions {
  name: string;
  role: TenantRole;
  scopes?: readonly Scope[];
  expiresInDays?: number | undefined;
  rotatedFrom?: string;
}

interface TokenRow {
  id: string;
  name: string;
  role: TenantRole;
  scopes: Scope[];
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  rotated_from: string | null;
}

const columns = 'id, name, role, scopes, prefix, created_at, expires_at, revoked_at, rotated_from';

export const toTokenRecord = (row: TokenRow): TokenRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  scopes: row.scopes,
  prefix: row.prefix,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
  rotatedFrom: row.rotated_from,
});

/** Creates a tenant token; the returned `token` is the only time the secret exists in clear. */
export async function createTenantToken(
  tx: TenantTx,
  options: NewTokenOptions,
): Promise<{ token: string; record: TokenRecord }> {
  const issued = issueToken();
  const inserted = await tx.query<TokenRow>(
    `insert into api_tokens (tenant_id, id, name, role, scopes, token_hash, prefix, expires_at, rotated_from)
     values ($1, $2, $3, $4, $5, $6, $7, case when $8::int is null then null else now() + make_interval(days => $8::int) end, $9)
     returning ${columns}`,
    [
      tx.tenantId,
      newId(),
      options.name,
      options.role,
      options.scopes ?? [],
      issued.hash,
      issued.prefix,
      options.expiresInDays ?? null,
      options.rotatedFrom ?? null,
    ],
  );
  return { token: issued.token, record: toTokenRecord(inserted.rows[0]!) };
}

export async function listTenantTokens(tx: TenantTx): Promise<TokenRecord[]> {
  const rows = await tx.query<TokenRow>(
    `select ${columns} from api_tokens order by created_at, id`,
  );
  return rows.rows.map(toTokenRecord);
}

export async function readTenantToken(
  tx: TenantTx,
  id: string,
  lock = false,
): Promise<TokenRecord | undefined> {
  const rows = await tx.query<TokenRow>(
    `select ${columns} from api_tokens where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  return rows.rows[0] && toTokenRecord(rows.rows[0]);
}

/**
 * Rotation: a new token with the same role and scopes, and the old one kept valid until the
 * overlap ends (or its own earlier expiry), so deployed clients can switch without an outage.
 */
export async function rotateTenantToken(
  tx: TenantTx,
  old: TokenRecord,
  overlapMinutes: number,
  expiresInDays: number | undefined,
): Promise<{ token: string; record: TokenRecord; old: TokenRecord }> {
  const updated = await tx.query<TokenRow>(
    `update api_tokens set expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(mins => $2))
     where id = $1 returning ${columns}`,
    [old.id, overlapMinutes],
  );
  const created = await createTenantToken(tx, {
    name: old.name,
    role: old.role,
    scopes: old.scopes,
    expiresInDays,
    rotatedFrom: old.id,
  });
  return { ...created, old: toTokenRecord(updated.rows[0]!) };
}

export async function revokeTenantToken(
  tx: TenantTx,
  id: string,
): Promise<TokenRecord | undefined> {
  const rows = await tx.query<TokenRow>(
    `update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1 returning ${columns}`,
    [id],
  );
  return rows.rows[0] && toTokenRecord(rows.rows[0]);
}

/**
 * Creates a platform-admin token through the owner connection (the application role has no
 * access to platform_admin_tokens). Used by `voxeron token create --platform-admin`.
 */
export async function createPlatformAdminToken(
  ownerUrl: string,
  name: string,
  expiresInDays: number | undefined,
): Promise<{ token: string; id: string; prefix: string }> {
  const issued = issueToken();
  const id = newId();
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(
      `insert into platform_admin_tokens (id, name, token_hash, prefix, expires_at)
       values ($1, $2, $3, $4, case when $5::int is null then null else now() + make_interval(days => $5::int) end)`,
      [id, name, issued.hash, issued.prefix, expiresInDays ?? null],
    );
  } finally {
    await client.end();
  }
  return { token: issued.token, id, prefix: issued.prefix };
}
