import { z } from 'zod';
import { MenuV1, validateMenuV1, type MenuProblem } from '../../contracts/menu/index.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import { importMenu } from '../menus/import-menu.ts';
import { loadActiveMenu } from '../menus/load-menu.ts';
import { headerOf, menuFromCsv, menuToCsv, type MenuHeader } from '../menus/menu-csv.ts';
import { menuImportMaxBytes, menuImportMaxItems } from '../menus/menu-limits.ts';
import { publishConfigChange } from '../notify/config-channel.ts';
import { readLocation } from './locations.ts';
import { LocationParams } from './schemas.ts';

const json = 'application/json';
const csv = 'text/csv';

export const MenuView = z
  .strictObject({
    locationId: z.uuid(),
    menuId: z.uuid(),
    version: z.number().int(),
    importedAt: z.string().meta({ format: 'date-time' }),
    menu: MenuV1.meta({ id: 'MenuV1' }),
  })
  .meta({ id: 'MenuView' });

export const MenuImportResult = z
  .strictObject({
    locationId: z.uuid(),
    menuId: z.uuid(),
    version: z.number().int(),
    itemCount: z.number().int(),
  })
  .meta({ id: 'MenuImportResult' });

/** For a CSV import of a location without a menu yet: the menu-level fields. */
export const MenuCsvQuery = z.strictObject({
  name: z.string().min(1).max(120).optional(),
  currency: z.string().optional(),
  locale: z.string().optional(),
});

const menuEtag = (version: number) => etagOf('menu', version);

export const getMenu = tenantRoute({
  operationId: 'getMenu',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/menu',
  summary: "Read the location's active menu (Accept: text/csv for the items as CSV)",
  tag: 'menus',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'menus:read',
  params: LocationParams,
  responses: {
    200: {
      description: 'The active menu',
      content: { [json]: MenuView, [csv]: z.string() },
      etag: true,
    },
  },
  async handle({ tx, params, accept }) {
    await readLocation(tx, params.locationId);
    const active = await loadActiveMenu(tx, params.locationId);
    if (!active) throw notFound('menu');
    const etag = menuEtag(active.version);
    if (accept?.includes(csv)) {
      return {
        status: 200,
        body: menuToCsv(active.menu),
        contentType: `${csv}; charset=utf-8`,
        etag,
      };
    }
    return {
      status: 200,
      etag,
      body: {
        locationId: params.locationId,
        menuId: active.menuId,
        version: active.version,
        importedAt: active.importedAt.toISOString(),
        menu: active.menu,
      },
    };
  },
});

const invalid = (problems: MenuProblem[]) =>
  new HttpProblem(
    422,
    'validation-failed',
    `the menu has ${problems.length} problem(s); nothing was imported`,
    problems,
  );

const tooLarge = (items: number) =>
  new HttpProblem(
    413,
    'payload-too-large',
    `the menu has ${items} items; at most ${menuImportMaxItems} are allowed`,
  );

export const importLocationMenu = tenantRoute({
  operationId: 'importMenu',
  method: 'PUT',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/menu',
  summary: `Replace the active menu atomically from voxeron.menu/v1 JSON or CSV (≤ 2 MiB, ≤ ${menuImportMaxItems} items; If-Match when a menu exists)`,
  tag: 'menus',
  tenancy: 'tenant',
  roles: admins,
  scope: 'menus:write',
  params: LocationParams,
  query: MenuCsvQuery,
  body: { [json]: z.unknown(), [csv]: z.string() },
  ifMatch: true,
  bodyLimitBytes: menuImportMaxBytes,
  responses: {
    200: { description: 'Imported', content: { [json]: MenuImportResult }, etag: true },
  },
  problems: [413, 422],
  async handle({ tx, params, body, query, contentType, ifMatch, principal, requestId }) {
    await readLocation(tx, params.locationId, true);
    const current = await loadActiveMenu(tx, params.locationId);
    // With no menu yet there is nothing to overwrite: If-Match is optional, but a stale one fails.
    if (current) checkIfMatch(ifMatch, menuEtag(current.version));
    else if (ifMatch !== undefined) checkIfMatch(ifMatch, '"menu.none"');

    let input: unknown = body;
    if (contentType === csv) {
      const header: MenuHeader | undefined = current
        ? { ...headerOf(current.menu), ...query }
        : query.name && query.currency && query.locale
          ? {
              format: 'voxeron.menu/v1',
              name: query.name,
              currency: query.currency,
              locale: query.locale,
            }
          : undefined;
      if (!header) {
        throw invalid([
          {
            path: 'query',
            message:
              'the location has no menu yet: give name, currency and locale as query parameters',
          },
        ]);
      }
      const parsed = menuFromCsv(body as string, header);
      if (!parsed.ok) throw invalid(parsed.problems);
      if (parsed.rows > menuImportMaxItems) throw tooLarge(parsed.rows);
      input = parsed.menu;
    } else {
      const items = (body as { items?: unknown } | null)?.items;
      if (Array.isArray(items) && items.length > menuImportMaxItems) throw tooLarge(items.length);
    }
    const validation = validateMenuV1(input);
    if (!validation.ok) throw invalid(validation.problems);
    const imported = await importMenu(tx, params.locationId, validation.menu);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'menu.import',
      resourceType: 'menu',
      resourceId: imported.menuId,
      before: current
        ? { menuId: current.menuId, version: current.version, itemCount: current.menu.items.length }
        : null,
      after: { ...imported, format: contentType === csv ? 'csv' : 'json' },
      requestId,
    });
    await publishConfigChange(
      tx,
      {
        type: 'MenuUpdated',
        payload: {
          location_id: params.locationId,
          revision: imported.version,
          item_count: imported.items,
          source: 'import',
        },
        sessionId: null,
        correlationId: requestId,
      },
      params.locationId,
    );
    return {
      status: 200,
      etag: menuEtag(imported.version),
      body: {
        locationId: params.locationId,
        menuId: imported.menuId,
        version: imported.version,
        itemCount: imported.items,
      },
    };
  },
});
