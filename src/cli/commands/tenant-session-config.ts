import { effectiveOverlay } from '../../control/overlays/overlay-store.ts';
import { composeSessionConfig, restaurantBlueprintV1 } from '../../data/blueprint/index.ts';
import type { SessionConfig } from '../../data/blueprint/index.ts';
import type { Database } from '../../platform/db/index.ts';

/**
 * The session configuration of a tenant's first location with an active menu (text and voice
 * calls against the database); undefined when it has none.
 */
export async function tenantConfig(
  db: Database,
  tenantId: string,
): Promise<SessionConfig | undefined> {
  const found = await db.withTenant(tenantId, async (tx) =>
    tx.query<{ location_id: string; name: string; timezone: string; locales: string[] }>(
      `select l.id as location_id, t.name, l.timezone, t.locales
       from tenant_locations l join tenants t on t.id = l.tenant_id
       join menus m on m.location_id = l.id and m.tenant_id = l.tenant_id and m.active
       order by l.created_at limit 1`,
    ),
  );
  const row = found.rows[0];
  if (!row) return undefined;
  // The location's pinned or production overlay version; the session records its id (pinned
  // for the whole call). No stored version: the built-in defaults.
  const effective = await db.withTenant(tenantId, (tx) => effectiveOverlay(tx, row.location_id));
  return composeSessionConfig(restaurantBlueprintV1, {
    restaurantName: row.name,
    timezone: row.timezone,
    ...effective?.overlay.overlay,
    tenantId,
    locationId: row.location_id,
    overlayId: effective?.overlay.id ?? null,
  });
}
