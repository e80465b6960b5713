import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';

export interface ImportedMenu {
  menuId: string;
  version: number;
  items: number;
}

/** Currency units to integer minor units (cents); menus carry decimals, the database never does. */
export function toMinorUnits(amount: number): number {
  return Math.round(amount * 100);
}

/**
 * Replaces the location's active menu with `menu` (already validated) inside the caller's
 * tenant transaction: all of it becomes visible at commit, or none of it. Earlier versions stay
 * stored, inactive, for audit and rollback.
 */
export async function importMenu(
  tx: TenantTx,
  locationId: string,
  menu: MenuV1,
): Promise<ImportedMenu> {
  const previous = await tx.query<{ version: number }>(
    'select coalesce(max(version), 0) as version from menus where location_id = $1',
    [locationId],
  );
  const version = (previous.rows[0]?.version ?? 0) + 1;
  const menuId = newId();
  await tx.query('update menus set active = false where location_id = $1 and active', [locationId]);
  await tx.query(
    `insert into menus (tenant_id, id, location_id, version, active, name, currency, locale, hours, fulfilment, document)
     values ($1, $2, $3, $4, true, $5, $6, $7, $8, $9, $10)`,
    [
      tx.tenantId,
      menuId,
      locationId,
      version,
      menu.name,
      menu.currency,
      menu.locale,
      JSON.stringify(menu.hours),
      JSON.stringify(menu.fulfilment),
      JSON.stringify(menu),
    ],
  );
  for (const [position, group] of menu.modifierGroups.entries()) {
    await tx.query(
      `insert into modifier_groups (tenant_id, menu_id, id, name, kind, min_choices, max_choices, default_option, qualifiers, removable, position)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        tx.tenantId,
        menuId,
        group.id,
        group.name,
        group.kind,
        group.min,
        group.max,
        group.default ?? null,
        group.qualifiers,
        group.removable,
        position,
      ],
    );
    for (const [optionPosition, option] of group.options.entries()) {
      await tx.query(
        `insert into modifier_options (tenant_id, menu_id, group_id, id, name, aliases, price_minor, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          tx.tenantId,
          menuId,
          group.id,
          option.id,
          option.name,
          option.aliases,
          toMinorUnits(option.price),
          optionPosition,
        ],
      );
    }
  }
  for (const [position, item] of menu.items.entries()) {
    await tx.query(
      `insert into menu_items (tenant_id, menu_id, id, name, aliases, category, price_minor, variants, modifier_groups, includes, available, age_restricted, position)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        tx.tenantId,
        menuId,
        item.id,
        item.name,
        item.aliases,
        item.category,
        toMinorUnits(item.price),
        item.variants === undefined ? null : JSON.stringify(item.variants),
        item.modifierGroups,
        item.includes,
        item.available,
        item.ageRestricted,
        position,
      ],
    );
  }
  return { menuId, version, items: menu.items.length };
}
