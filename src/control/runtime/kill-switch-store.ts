import { z } from 'zod';
import type { TenantTx, Tx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import {
  IntegrationName,
  KillSwitchKind,
  notifyRuntimeControlsChanged,
  VendorName,
} from '../../platform/runtime-controls/index.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { writePlatformAudit } from '../audit/write-platform-audit.ts';

const reason = z.string().trim().min(1).max(500);

/** What to switch off. `locationId` only with overflow_off, and only for a tenant switch. */
export const KillSwitchCreate = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('overflow_off'),
      locationId: z.uuid().optional(),
      reason,
    }),
    z.strictObject({ kind: z.literal('integration_off'), integration: IntegrationName, reason }),
    z.strictObject({ kind: z.literal('vendor_off'), vendor: VendorName, reason }),
  ])
  .meta({ id: 'KillSwitchCreate' });
export type KillSwitchCreate = z.infer<typeof KillSwitchCreate>;

const timestamp = z.string().meta({ format: 'date-time' });

export const KillSwitch = z
  .strictObject({
    id: z.uuid(),
    scope: z.enum(['global', 'tenant']),
    tenantId: z.uuid().nullable(),
    kind: KillSwitchKind,
    integration: IntegrationName.nullable(),
    vendor: z.string().nullable(),
    locationId: z.uuid().nullable(),
    reason: z.string(),
    active: z.boolean(),
    createdBy: z.string(),
    createdAt: timestamp,
    clearedBy: z.string().nullable(),
    clearedAt: timestamp.nullable(),
  })
  .meta({ id: 'KillSwitch' });
export type KillSwitch = z.infer<typeof KillSwitch>;

interface SwitchRow {
  tenant_id?: string;
  id: string;
  kind: KillSwitchKind;
  target: string | null;
  location_id?: string | null;
  reason: string;
  created_by: string;
  created_at: Date;
  cleared_at: Date | null;
  cleared_by: string | null;
}

const toView = (row: SwitchRow): KillSwitch => ({
  id: row.id,
  scope: row.tenant_id ? 'tenant' : 'global',
  tenantId: row.tenant_id ?? null,
  kind: row.kind,
  integration: row.kind === 'integration_off' ? IntegrationName.parse(row.target) : null,
  vendor: row.kind === 'vendor_off' ? row.target : null,
  locationId: row.location_id ?? null,
  reason: row.reason,
  active: row.cleared_at === null,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  clearedBy: row.cleared_by,
  clearedAt: row.cleared_at?.toISOString() ?? null,
});

const targetOf = (input: KillSwitchCreate): string | null =>
  input.kind === 'integration_off'
    ? input.integration
    : input.kind === 'vendor_off'
      ? input.vendor
      : null;

export interface Actor {
  /** As the audit log names it (`<role>:<token>` or `cli:<user>`). */
  actor: string;
  requestId: string | null;
}

/** Where a switch lives: the global table (no tenant) or the tenant's own, under RLS. */
export type SwitchScope = { kind: 'global'; tx: Tx } | { kind: 'tenant'; tx: TenantTx };

const table = (scope: SwitchScope) =>
  scope.kind === 'global' ? 'global_kill_switches' : 'tenant_kill_switches';

async function audit(
  scope: SwitchScope,
  action: string,
  before: KillSwitch | null,
  after: KillSwitch,
  by: Actor,
) {
  const entry = {
    actor: by.actor,
    action,
    resourceType: 'kill_switch',
    resourceId: after.id,
    before,
    after,
    requestId: by.requestId,
  };
  if (scope.kind === 'global') await writePlatformAudit(scope.tx, entry);
  else await writeAudit(scope.tx, entry);
}

/**
 * Turns a switch on (audited, NOTIFY at commit). Already on with the same kind and target:
 * returns that switch unchanged (`created: false`), so retries are harmless.
 */
export async function turnKillSwitchOn(
  scope: SwitchScope,
  input: KillSwitchCreate,
  by: Actor,
): Promise<{ killSwitch: KillSwitch; created: boolean }> {
  const target = targetOf(input);
  const locationId = input.kind === 'overflow_off' ? (input.locationId ?? null) : null;
  const existing = await scope.tx.query<SwitchRow>(
    scope.kind === 'global'
      ? `select * from global_kill_switches where kind = $1 and target is not distinct from $2 and cleared_at is null`
      : `select * from tenant_kill_switches where kind = $1 and target is not distinct from $2
           and location_id is not distinct from $3 and cleared_at is null`,
    scope.kind === 'global' ? [input.kind, target] : [input.kind, target, locationId],
  );
  if (existing.rows[0]) return { killSwitch: toView(existing.rows[0]), created: false };
  const id = newId();
  const inserted = await scope.tx.query<SwitchRow>(
    scope.kind === 'global'
      ? `insert into global_kill_switches (id, kind, target, reason, created_by)
         values ($1, $2, $3, $4, $5) returning *`
      : `insert into tenant_kill_switches (tenant_id, id, kind, target, reason, created_by, location_id)
         values ($6, $1, $2, $3, $4, $5, $7) returning *`,
    scope.kind === 'global'
      ? [id, input.kind, target, input.reason, by.actor]
      : [id, input.kind, target, input.reason, by.actor, scope.tx.tenantId, locationId],
  );
  const killSwitch = toView(inserted.rows[0]!);
  await audit(scope, 'kill_switch.on', null, killSwitch, by);
  await notifyRuntimeControlsChanged(scope.tx, 'kill_switch');
  return { killSwitch, created: true };
}

/** Turns a switch off; `undefined` when there is no such switch. Clearing twice is a no-op. */
export async function turnKillSwitchOff(
  scope: SwitchScope,
  id: string,
  by: Actor,
): Promise<KillSwitch | undefined> {
  const found = await scope.tx.query<SwitchRow>(
    `select * from ${table(scope)} where id = $1 for update`,
    [id],
  );
  if (!found.rows[0]) return undefined;
  const before = toView(found.rows[0]);
  if (!before.active) return before;
  const updated = await scope.tx.query<SwitchRow>(
    `update ${table(scope)} set cleared_at = now(), cleared_by = $2 where id = $1 returning *`,
    [id, by.actor],
  );
  const after = toView(updated.rows[0]!);
  await audit(scope, 'kill_switch.off', before, after, by);
  await notifyRuntimeControlsChanged(scope.tx, 'kill_switch');
  return after;
}

/** Active switches first, newest first; `includeCleared` adds the history. */
export async function listKillSwitches(
  scope: SwitchScope,
  includeCleared: boolean,
): Promise<KillSwitch[]> {
  const rows = await scope.tx.query<SwitchRow>(
    `select * from ${table(scope)} ${includeCleared ? '' : 'where cleared_at is null'}
     order by cleared_at is not null, created_at desc limit 500`,
  );
  return rows.rows.map(toView);
}
