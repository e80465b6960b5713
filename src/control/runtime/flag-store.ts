import { z } from 'zod';
import type { Tx } from '../../platform/db/index.ts';
import { notifyRuntimeControlsChanged } from '../../platform/runtime-controls/index.ts';
import { writePlatformAudit } from '../audit/write-platform-audit.ts';
import type { Actor } from './kill-switch-store.ts';

export const FlagKey = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'lower-case letters, digits, "_", "." and "-"');

const tenantList = z.array(z.uuid()).max(1000);

/** A flag's whole definition (PUT replaces it). */
export const FlagDefinition = z
  .strictObject({
    description: z.string().max(500).default(''),
    enabled: z.boolean(),
    allowTenantIds: tenantList.default([]),
    denyTenantIds: tenantList.default([]),
    rolloutPercent: z.number().int().min(0).max(100).default(0),
  })
  .meta({ id: 'FlagDefinition' });
export type FlagDefinition = z.infer<typeof FlagDefinition>;

export const Flag = z
  .strictObject({
    key: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    allowTenantIds: z.array(z.uuid()),
    denyTenantIds: z.array(z.uuid()),
    rolloutPercent: z.number().int(),
    revision: z.number().int(),
    updatedAt: z.string().meta({ format: 'date-time' }),
    updatedBy: z.string(),
  })
  .meta({ id: 'Flag' });
export type Flag = z.infer<typeof Flag>;

interface FlagRow {
  key: string;
  description: string;
  enabled: boolean;
  allow_tenant_ids: string[];
  deny_tenant_ids: string[];
  rollout_percent: number;
  revision: string;
  updated_at: Date;
  updated_by: string;
}

const toFlag = (row: FlagRow): Flag => ({
  key: row.key,
  description: row.description,
  enabled: row.enabled,
  allowTenantIds: row.allow_tenant_ids,
  denyTenantIds: row.deny_tenant_ids,
  rolloutPercent: row.rollout_percent,
  revision: Number(row.revision),
  updatedAt: row.updated_at.toISOString(),
  updatedBy: row.updated_by,
});

export async function readFlag(tx: Tx, key: string, lock = false): Promise<Flag | undefined> {
  const found = await tx.query<FlagRow>(
    `select * from feature_flags where key = $1 ${lock ? 'for update' : ''}`,
    [key],
  );
  return found.rows[0] ? toFlag(found.rows[0]) : undefined;
}

export async function listFlags(tx: Tx): Promise<Flag[]> {
  const rows = await tx.query<FlagRow>('select * from feature_flags order by key');
  return rows.rows.map(toFlag);
}

/**
 * Creates or replaces a flag (revision + 1), audits it on the platform log and NOTIFYs the
 * running workers at commit. `before` is the caller's locked read (undefined: create).
 */
export async function writeFlag(
  tx: Tx,
  key: string,
  definition: FlagDefinition,
  before: Flag | undefined,
  by: Actor,
): Promise<Flag> {
  const values = [
    key,
    definition.description,
    definition.enabled,
    definition.allowTenantIds,
    definition.denyTenantIds,
    definition.rolloutPercent,
    by.actor,
  ];
  const written = await tx.query<FlagRow>(
    before
      ? `update feature_flags set description = $2, enabled = $3, allow_tenant_ids = $4,
           deny_tenant_ids = $5, rollout_percent = $6, updated_by = $7, updated_at = now(),
           revision = revision + 1 where key = $1 returning *`
      : `insert into feature_flags (key, description, enabled, allow_tenant_ids, deny_tenant_ids,
           rollout_percent, updated_by) values ($1, $2, $3, $4, $5, $6, $7) returning *`,
    values,
  );
  const after = toFlag(written.rows[0]!);
  await writePlatformAudit(tx, {
    actor: by.actor,
    action: before ? 'flag.update' : 'flag.create',
    resourceType: 'feature_flag',
    resourceId: key,
    before: before ?? null,
    after,
    requestId: by.requestId,
  });
  await notifyRuntimeControlsChanged(tx, 'flag');
  return after;
}

export async function deleteFlag(tx: Tx, before: Flag, by: Actor): Promise<void> {
  await tx.query('delete from feature_flags where key = $1', [before.key]);
  await writePlatformAudit(tx, {
    actor: by.actor,
    action: 'flag.delete',
    resourceType: 'feature_flag',
    resourceId: before.key,
    before,
    after: null,
    requestId: by.requestId,
  });
  await notifyRuntimeControlsChanged(tx, 'flag');
}
