/**
 * The read tools' data from PostgreSQL: the active menu document (`menus.document`), items the
 * control plane marked unavailable (`menu_items.available`, `kitchen_status.sold_out_item_ids`)
 * and the `kitchen_status` row.
 */
import type { Database } from '../../platform/db/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { LocationDataSource } from './tool-runner.ts';

export class PostgresLocationSource implements LocationDataSource {
  constructor(private readonly db: Database) {}

  async getMenu(tenantId: string, locationId: string, signal?: AbortSignal): Promise<unknown> {
    return this.db.withTenant(
      tenantId,
      async (tx) => {
        const found = await tx.query<{ version: number; document: unknown; imported_at: Date }>(
          'select version, document, imported_at from menus where location_id = $1 and active',
          [locationId],
        );
        const row = found.rows[0];
        if (!row) throw new NotFoundError('the location has no active menu');
        return {
          location_id: locationId,
          revision: row.version,
          updated_at: row.imported_at.toISOString(),
          menu: row.document,
        };
      },
      signal ? { signal } : {},
    );
  }

  async getKitchenStatus(
    tenantId: string,
    locationId: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.db.withTenant(
      tenantId,
      async (tx) => {
        const status = await tx.query<{
          accepting_orders: boolean;
          pickup_wait_minutes: number;
          delivery_wait_minutes: number;
          paused_until: Date | null;
          updated_at: Date;
          sold_out_item_ids: string[];
        }>(
          `select accepting_orders, pickup_wait_minutes, delivery_wait_minutes, paused_until, updated_at,
                  sold_out_item_ids
           from kitchen_status where location_id = $1`,
          [locationId],
        );
        const unavailable = await tx.query<{ id: string }>(
          `select i.id from menu_items i join menus m on m.id = i.menu_id and m.tenant_id = i.tenant_id
           where m.location_id = $1 and m.active and not i.available`,
          [locationId],
        );
        const row = status.rows[0];
        const paused =
          row !== undefined &&
          (!row.accepting_orders || (row.paused_until !== null && row.paused_until > new Date()));
        return {
          location_id: locationId,
          state: paused ? 'paused' : 'accepting',
          pickup_wait_minutes: row?.pickup_wait_minutes ?? 20,
          delivery_wait_minutes: row?.delivery_wait_minutes ?? null,
          // 86'd by the kitchen today, or marked unavailable on the menu itself.
          unavailable_item_ids: [
            ...new Set([
              ...unavailable.rows.map((item) => item.id),
              ...(row?.sold_out_item_ids ?? []),
            ]),
          ],
          updated_at: (row?.updated_at ?? new Date()).toISOString(),
        };
      },
      signal ? { signal } : {},
    );
  }
}
