import { validateMenuV1, type MenuProblem } from '../../contracts/menu/index.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { notFound } from '../http/problem.ts';
import { publishConfigChange } from '../notify/config-channel.ts';
import { importMenu, type ImportedMenu } from './import-menu.ts';
import { loadActiveMenu } from './load-menu.ts';
import { headerOf, menuFromCsv, type MenuHeader } from './menu-csv.ts';
import { menuImportMaxItems } from './menu-limits.ts';

export type MenuFileFormat = 'json' | 'csv';

export type MenuFileImport =
  { ok: true; imported: ImportedMenu } | { ok: false; problems: MenuProblem[] };

export interface MenuFileImportOptions {
  locationId: string;
  format: MenuFileFormat;
  text: string;
  /** For CSV into a location without a menu: the menu-level fields. */
  header?: Partial<Pick<MenuHeader, 'name' | 'currency' | 'locale'>>;
  actor: string;
  requestId: string;
  correlationId: string;
}

/**
 * A menu file (JSON or CSV text) validated and imported in the caller's transaction, with its
 * audit row and MenuUpdated event — what `voxeron menu import` does. Problems come back with
 * their JSON paths and nothing is written.
 */
export async function importMenuFile(
  tx: TenantTx,
  options: MenuFileImportOptions,
): Promise<MenuFileImport> {
  const location = await tx.query('select 1 from tenant_locations where id = $1 for update', [
    options.locationId,
  ]);
  if (!location.rowCount) throw notFound('location');
  const current = await loadActiveMenu(tx, options.locationId);
  let input: unknown;
  if (options.format === 'csv') {
    const given = options.header ?? {};
    const header: MenuHeader | undefined = current
      ? { ...headerOf(current.menu), ...given }
      : given.name && given.currency && given.locale
        ? {
            format: 'voxeron.menu/v1',
            name: given.name,
            currency: given.currency,
            locale: given.locale,
          }
        : undefined;
    if (!header) {
      return {
        ok: false,
        problems: [
          {
            path: 'header',
            message: 'the location has no menu yet: give name, currency and locale',
          },
        ],
      };
    }
    const parsed = menuFromCsv(options.text, header);
    if (!parsed.ok) return parsed;
    input = parsed.menu;
  } else {
    try {
      input = JSON.parse(options.text);
    } catch (error) {
      return {
        ok: false,
        problems: [{ path: '$', message: `not JSON: ${(error as Error).message}` }],
      };
    }
  }
  const items = (input as { items?: unknown } | null)?.items;
  if (Array.isArray(items) && items.length > menuImportMaxItems) {
    return {
      ok: false,
      problems: [
        { path: '$.items', message: `${items.length} items; at most ${menuImportMaxItems}` },
      ],
    };
  }
  const validation = validateMenuV1(input);
  if (!validation.ok) return validation;
  const imported = await importMenu(tx, options.locationId, validation.menu);
  await writeAudit(tx, {
    actor: options.actor,
    action: 'menu.import',
    resourceType: 'menu',
    resourceId: imported.menuId,
    before: current
      ? { menuId: current.menuId, version: current.version, itemCount: current.menu.items.length }
      : null,
    after: { ...imported, format: options.format },
    requestId: options.requestId,
  });
  await publishConfigChange(
    tx,
    {
      type: 'MenuUpdated',
      payload: {
        location_id: options.locationId,
        revision: imported.version,
        item_count: imported.items,
        source: 'import',
      },
      sessionId: null,
      correlationId: options.correlationId,
    },
    options.locationId,
  );
  return { ok: true, imported };
}
