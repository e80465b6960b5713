import { MenuV1 } from '../../contracts/menu/index.ts';
import type { TenantTx } from '../../platform/db/index.ts';

export interface ActiveMenu {
  menuId: string;
  version: number;
  importedAt: Date;
  menu: MenuV1;
}

/** The location's active menu as imported (its stored document), or undefined. */
export async function loadActiveMenu(
  tx: TenantTx,
  locationId: string,
): Promise<ActiveMenu | undefined> {
  const found = await tx.query<{
    id: string;
    version: number;
    imported_at: Date;
    document: unknown;
  }>('select id, version, imported_at, document from menus where location_id = $1 and active', [
    locationId,
  ]);
  const row = found.rows[0];
  if (!row) return undefined;
  return {
    menuId: row.id,
    version: row.version,
    importedAt: row.imported_at,
    menu: MenuV1.parse(row.document),
  };
}
