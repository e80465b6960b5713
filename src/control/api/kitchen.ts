import { z } from 'zod';
import type { TenantTx } from '../../platform/db/index.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { anyRole, operators } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import { loadActiveMenu } from '../menus/load-menu.ts';
import { publishConfigChange } from '../notify/config-channel.ts';
import { LocationParams, SoldOutParams } from './schemas.ts';

const json = 'application/json';
const waitMinutes = z.number().int().min(0).max(600);

export const KitchenStatusView = z
  .strictObject({
    locationId: z.uuid(),
    state: z.enum(['accepting', 'paused']),
    pickupWaitMinutes: waitMinutes,
    deliveryWaitMinutes: waitMinutes,
    pausedUntil: z.string().meta({ format: 'date-time' }).nullable(),
    note: z.string().nullable(),
    soldOutItemIds: z.array(z.string()),
    revision: z.number().int(),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'KitchenStatus' });
type KitchenStatusView = z.infer<typeof KitchenStatusView>;

export const KitchenStatusPatch = z
  .strictObject({
    state: z.enum(['accepting', 'paused']).optional(),
    pickupWaitMinutes: waitMinutes.optional(),
    deliveryWaitMinutes: waitMinutes.optional(),
    pausedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .meta({ id: 'KitchenStatusPatch' });

export const SoldOutCreate = z
  .strictObject({ itemId: z.string().min(1).max(64) })
  .meta({ id: 'SoldOutCreate' });

interface KitchenRow {
  location_id: string;
  accepting_orders: boolean;
  pickup_wait_minutes: number;
  delivery_wait_minutes: number;
  paused_until: Date | null;
  note: string | null;
  sold_out_item_ids: string[];
  revision: string;
  updated_at: Date;
}

const toView = (row: KitchenRow): KitchenStatusView => ({
  locationId: row.location_id,
  state: row.accepting_orders ? 'accepting' : 'paused',
  pickupWaitMinutes: row.pickup_wait_minutes,
  deliveryWaitMinutes: row.delivery_wait_minutes,
  pausedUntil: row.paused_until?.toISOString() ?? null,
  note: row.note,
  soldOutItemIds: row.sold_out_item_ids,
  revision: Number(row.revision),
  updatedAt: row.updated_at.toISOString(),
});

const kitchenEtag = (status: KitchenStatusView) => etagOf('kitchen', status.revision);

async function readKitchen(
  tx: TenantTx,
  locationId: string,
  lock = false,
): Promise<KitchenStatusView> {
  const found = await tx.query<KitchenRow>(
    `select * from kitchen_status where location_id = $1 ${lock ? 'for update' : ''}`,
    [locationId],
  );
  if (!found.rows[0]) throw notFound('kitchen status');
  return toView(found.rows[0]);
}

/** Audit, KitchenStatusUpdated event and NOTIFY for a changed kitchen status, in `tx`. */
async function recordChange(
  tx: TenantTx,
  change: {
    before: KitchenStatusView;
    after: KitchenStatusView;
    action: string;
    principal: Principal;
    requestId: string;
  },
): Promise<void> {
  const { after } = change;
  await writeAudit(tx, {
    actor: actorOf(change.principal),
    action: change.action,
    resourceType: 'kitchen_status',
    resourceId: after.locationId,
    before: change.before,
    after,
    requestId: change.requestId,
  });
  const menu = await loadActiveMenu(tx, after.locationId);
  await publishConfigChange(
    tx,
    {
      type: 'KitchenStatusUpdated',
      payload: {
        location_id: after.locationId,
        state: after.state,
        pickup_wait_minutes: after.pickupWaitMinutes,
        delivery_wait_minutes: menu?.menu.fulfilment.delivery.enabled
          ? after.deliveryWaitMinutes
          : null,
        unavailable_item_ids: after.soldOutItemIds,
        updated_at: after.updatedAt,
      },
      sessionId: null,
      correlationId: change.requestId,
    },
    after.locationId,
  );
}

const versioned = {
  description: 'The kitchen status',
  content: { [json]: KitchenStatusView },
  etag: true,
};
const kitchenPath = '/v1/tenants/{tenantId}/locations/{locationId}/kitchen';

export const getKitchenStatus = tenantRoute({
  operationId: 'getKitchenStatus',
  method: 'GET',
  path: kitchenPath,
  summary: "Read a location's kitchen status",
  tag: 'kitchen',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'kitchen:read',
  params: LocationParams,
  responses: { 200: versioned },
  async handle({ tx, params }) {
    const status = await readKitchen(tx, params.locationId);
    return { status: 200, body: status, etag: kitchenEtag(status) };
  },
});

export const updateKitchenStatus = tenantRoute({
  operationId: 'updateKitchenStatus',
  method: 'PATCH',
  path: kitchenPath,
  summary: 'Pause or resume the kitchen, change the waits (If-Match required)',
  tag: 'kitchen',
  tenancy: 'tenant',
  roles: operators,
  scope: 'kitchen:write',
  params: LocationParams,
  body: { [json]: KitchenStatusPatch },
  ifMatch: true,
  responses: { 200: versioned },
  problems: [422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    const before = await readKitchen(tx, params.locationId, true);
    checkIfMatch(ifMatch, kitchenEtag(before));
    await tx.query(
      `update kitchen_status set accepting_orders = $2, pickup_wait_minutes = $3, delivery_wait_minutes = $4,
         paused_until = $5, note = $6, revision = revision + 1, updated_at = now() where location_id = $1`,
      [
        params.locationId,
        (body.state ?? before.state) === 'accepting',
        body.pickupWaitMinutes ?? before.pickupWaitMinutes,
        body.deliveryWaitMinutes ?? before.deliveryWaitMinutes,
        body.pausedUntil === undefined ? before.pausedUntil : body.pausedUntil,
        body.note === undefined ? before.note : body.note,
      ],
    );
    const after = await readKitchen(tx, params.locationId);
    await recordChange(tx, { before, after, action: 'kitchen.update', principal, requestId });
    return { status: 200, body: after, etag: kitchenEtag(after) };
  },
});

export const markSoldOut = tenantRoute({
  operationId: 'markSoldOut',
  method: 'POST',
  path: `${kitchenPath}/sold-out`,
  summary: '86 an item: sold out until un-86ed (idempotent)',
  tag: 'kitchen',
  tenancy: 'tenant',
  roles: operators,
  scope: 'kitchen:write',
  params: LocationParams,
  body: { [json]: SoldOutCreate },
  responses: { 200: versioned },
  problems: [422],
  async handle({ tx, params, body, principal, requestId }) {
    const before = await readKitchen(tx, params.locationId, true);
    const menu = await loadActiveMenu(tx, params.locationId);
    if (!menu?.menu.items.some((item) => item.id === body.itemId)) {
      throw new HttpProblem(
        422,
        'validation-failed',
        `the active menu has no item "${body.itemId}"`,
        [{ path: '$.itemId', message: 'not an item of the active menu' }],
      );
    }
    if (before.soldOutItemIds.includes(body.itemId)) {
      return { status: 200, body: before, etag: kitchenEtag(before) };
    }
    await tx.query(
      `update kitchen_status set sold_out_item_ids = array_append(sold_out_item_ids, $2),
         revision = revision + 1, updated_at = now() where location_id = $1`,
      [params.locationId, body.itemId],
    );
    const after = await readKitchen(tx, params.locationId);
    await recordChange(tx, { before, after, action: 'item.sold_out', principal, requestId });
    return { status: 200, body: after, etag: kitchenEtag(after) };
  },
});

export const clearSoldOut = tenantRoute({
  operationId: 'clearSoldOut',
  method: 'DELETE',
  path: `${kitchenPath}/sold-out/{itemId}`,
  summary: 'Un-86 an item: available again',
  tag: 'kitchen',
  tenancy: 'tenant',
  roles: operators,
  scope: 'kitchen:write',
  params: SoldOutParams,
  responses: { 200: versioned },
  async handle({ tx, params, principal, requestId }) {
    const before = await readKitchen(tx, params.locationId, true);
    if (!before.soldOutItemIds.includes(params.itemId)) throw notFound('sold-out item');
    await tx.query(
      `update kitchen_status set sold_out_item_ids = array_remove(sold_out_item_ids, $2),
         revision = revision + 1, updated_at = now() where location_id = $1`,
      [params.locationId, params.itemId],
    );
    const after = await readKitchen(tx, params.locationId);
    await recordChange(tx, { before, after, action: 'item.available', principal, requestId });
    return { status: 200, body: after, etag: kitchenEtag(after) };
  },
});
