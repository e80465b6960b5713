import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { importMenu } from '../menus/import-menu.ts';

/** Fixed ids, so every start finds the same demo restaurant and a second start reuses it. */
export const demoTenant = {
  tenantId: '01900000-0000-7000-8000-00000000d3e0',
  locationId: '01900000-0000-7000-8000-00000000d3e1',
  slug: 'luigis-pizzeria',
  name: "Luigi's Pizzeria",
  /** The demo's inbound number (a reserved fictional range). */
  phoneNumber: '+31200000000',
} as const;

const demoMenuFile = fileURLToPath(
  new URL('../../../data/demo/luigis-pizzeria.json', import.meta.url),
);

export interface DemoTenantResult {
  created: boolean;
  menuItems: number;
}

/** Creates the demo pizzeria (tenant, location, number, kitchen status, menu) if it is missing. */
export async function ensureDemoTenant(
  db: Database,
  signal?: AbortSignal,
): Promise<DemoTenantResult> {
  const menu = parseMenuV1(JSON.parse(readFileSync(demoMenuFile, 'utf8')));
  return db.withTenant(
    demoTenant.tenantId,
    async (tx) => {
      const existing = await tx.query<{ items: number }>(
        `select count(i.*)::int as items from menus m join menu_items i on i.menu_id = m.id and i.tenant_id = m.tenant_id
         where m.location_id = $1 and m.active`,
        [demoTenant.locationId],
      );
      if ((existing.rows[0]?.items ?? 0) > 0)
        return { created: false, menuItems: existing.rows[0]!.items };
      await tx.query(
        `insert into tenants (id, name, slug, tier, region, sector, locales) values ($1, $2, $3, 'standard', 'eu', 'horeca', '{en-US,nl-NL}')
         on conflict (id) do nothing`,
        [demoTenant.tenantId, demoTenant.name, demoTenant.slug],
      );
      await tx.query(
        `insert into tenant_locations (tenant_id, id, name, timezone, address, overflow_enabled)
         values ($1, $2, 'Luigi''s Pizzeria — Centrum', 'Europe/Amsterdam', $3, true) on conflict do nothing`,
        [
          demoTenant.tenantId,
          demoTenant.locationId,
          JSON.stringify({ street: 'Damstraat 1', postcode: '1012', city: 'Amsterdam' }),
        ],
      );
      await tx.query(
        `insert into routes (tenant_id, id, location_id, kind, address) values ($1, $2, $3, 'phone', $4)
         on conflict (tenant_id, address) do nothing`,
        [demoTenant.tenantId, newId(), demoTenant.locationId, demoTenant.phoneNumber],
      );
      await tx.query(
        `insert into kitchen_status (tenant_id, location_id) values ($1, $2) on conflict do nothing`,
        [demoTenant.tenantId, demoTenant.locationId],
      );
      const imported = await importMenu(tx, demoTenant.locationId, menu);
      return { created: true, menuItems: imported.items };
    },
    signal ? { signal } : {},
  );
}
