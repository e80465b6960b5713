import type { Role, Scope } from './roles.ts';

/** The authenticated caller of one request. */
export interface Principal {
  tokenId: string;
  role: Role;
  /** `null` for a platform admin, who may act in any tenant. */
  tenantId: string | null;
  /** Empty: everything the role allows. */
  scopes: readonly Scope[];
}

/** How the audit log names the caller: `<role>:<token id>`. */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.tokenId}`;
}
