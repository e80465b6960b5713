import type { Database } from '../../platform/db/index.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Principal } from './principal.ts';
import { Role, Scope } from './roles.ts';
import { hashToken, isWellFormedToken } from './token-format.ts';

interface TokenRow {
  kind: 'tenant' | 'platform';
  token_id: string;
  tenant_id: string | null;
  role: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
}

const unauthorized = (kind: ConstructorParameters<typeof HttpProblem>[1], detail: string) =>
  new HttpProblem(401, kind, detail, undefined, {
    'www-authenticate': `Bearer realm="voxeron", error="invalid_token", error_description="${detail.replaceAll('"', "'")}"`,
  });

/**
 * Resolves `Authorization: Bearer vx_…` to a principal through the SECURITY DEFINER lookup
 * `authenticate_token` (the tenant is not known yet). Every failure names its precise reason.
 */
export async function authenticate(
  db: Database,
  authorization: string | undefined,
  now: Date = new Date(),
): Promise<Principal> {
  if (authorization === undefined || authorization.trim() === '') {
    throw new HttpProblem(
      401,
      'token-missing',
      'send an API token as "Authorization: Bearer vx_…"',
      undefined,
      { 'www-authenticate': 'Bearer realm="voxeron"' },
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match)
    throw unauthorized('token-malformed', 'the Authorization header is not "Bearer <token>"');
  const token = match[1]!;
  if (!isWellFormedToken(token)) {
    throw unauthorized('token-malformed', 'the token is not of the form vx_<prefix>_<secret>');
  }
  const found = await db.withoutTenant((tx) =>
    tx.query<TokenRow>('select * from authenticate_token($1)', [hashToken(token)]),
  );
  const row = found.rows[0];
  if (!row) throw unauthorized('token-unknown', 'the token is not known');
  if (row.revoked_at !== null && row.revoked_at <= now) {
    throw unauthorized('token-revoked', `the token was revoked at ${row.revoked_at.toISOString()}`);
  }
  if (row.expires_at !== null && row.expires_at <= now) {
    throw unauthorized('token-expired', `the token expired at ${row.expires_at.toISOString()}`);
  }
  return {
    tokenId: row.token_id,
    role: Role.parse(row.role),
    tenantId: row.kind === 'platform' ? null : row.tenant_id,
    scopes: row.scopes.map((scope) => Scope.parse(scope)),
  };
}
