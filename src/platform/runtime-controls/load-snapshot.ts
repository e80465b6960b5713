import type { Database } from '../db/database.ts';
import type { ActiveKillSwitch, KillSwitchKind } from './kill-switch.ts';
import { RuntimeSnapshot } from './runtime-snapshot.ts';

interface FlagRow {
  key: string;
  enabled: boolean;
  allow_tenant_ids: string[];
  deny_tenant_ids: string[];
  rollout_percent: number;
}

interface SwitchRow {
  tenant_id: string | null;
  kind: KillSwitchKind;
  target: string | null;
  location_id: string | null;
}

/**
 * Reads every flag and every active kill switch in one transaction, so a snapshot never mixes
 * two moments. Tenant switches come through `active_kill_switches()` (migration 0005), the one
 * cross-tenant read the runtime needs.
 */
export async function loadRuntimeSnapshot(
  db: Database,
  signal?: AbortSignal,
): Promise<RuntimeSnapshot> {
  return db.withoutTenant(
    async (tx) => {
      const flags = await tx.query<FlagRow>(
        'select key, enabled, allow_tenant_ids, deny_tenant_ids, rollout_percent from feature_flags',
      );
      const switches = await tx.query<SwitchRow>('select * from active_kill_switches()');
      return new RuntimeSnapshot(
        flags.rows.map((row) => ({
          key: row.key,
          enabled: row.enabled,
          allowTenantIds: row.allow_tenant_ids,
          denyTenantIds: row.deny_tenant_ids,
          rolloutPercent: row.rollout_percent,
        })),
        switches.rows.map((row): ActiveKillSwitch => ({
          tenantId: row.tenant_id,
          kind: row.kind,
          target: row.target,
          locationId: row.location_id,
        })),
      );
    },
    signal ? { signal } : {},
  );
}
