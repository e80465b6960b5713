import { createHash } from 'node:crypto';

/** A feature flag's targeting, as stored in `feature_flags`. */
export interface FlagTargeting {
  key: string;
  enabled: boolean;
  allowTenantIds: readonly string[];
  denyTenantIds: readonly string[];
  /** Share of tenants (by bucket) that get the flag, 0–100. */
  rolloutPercent: number;
}

/**
 * The tenant's bucket 0–99 for a flag: the first 32 bits of SHA-256("<key>:<tenant>") mod 100.
 * Deterministic across processes and restarts, and independent per flag, so raising a rollout
 * from 10 % to 20 % keeps the first 10 % and different flags do not hit the same tenants.
 */
export function rolloutBucket(flagKey: string, tenantId: string): number {
  const digest = createHash('sha256').update(`${flagKey}:${tenantId.toLowerCase()}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/** On when enabled, not denied, and allowed by name or by rollout bucket. Deny wins. */
export function flagOnFor(flag: FlagTargeting, tenantId: string): boolean {
  if (!flag.enabled) return false;
  if (flag.denyTenantIds.includes(tenantId)) return false;
  if (flag.allowTenantIds.includes(tenantId)) return true;
  return rolloutBucket(flag.key, tenantId) < flag.rolloutPercent;
}
