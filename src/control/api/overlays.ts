import { z } from 'zod';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole } from '../auth/roles.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import {
  approvePromotion,
  createOverlayVersion,
  effectiveOverlay,
  listOverlays,
  OverlayVersion,
  pinLocation,
  Promotion,
  requestPromotion,
  rollbackTo,
} from '../overlays/overlay-store.ts';
import { LocationParams, TenantParams } from './schemas.ts';
import { OverlayDocument } from '../../contracts/blueprint/tenant-overlay.ts';

const json = 'application/json';
const OverlayParams = TenantParams.extend({ overlayId: z.uuid() });
const PromotionParams = TenantParams.extend({ promotionId: z.uuid() });

/** Overlay documents stay small: they tune a blueprint, they are not menus. */
const overlayLimitBytes = 64 * 1024;
const OverlayCreate = z
  .strictObject({
    locationId: z.uuid().nullable().default(null),
    blueprintId: z.uuid(),
    // Checked against the overlay contract, field by field, but stored as sent: a field left
    // out keeps taking the location's value or the default.
    overlay: z
      .record(z.string(), z.unknown())
      .refine(
        (value) => JSON.stringify(value).length <= overlayLimitBytes,
        `at most ${overlayLimitBytes} bytes of JSON`,
      )
      .superRefine((value, context) => {
        const checked = OverlayDocument.safeParse(value);
        for (const issue of checked.success ? [] : checked.error.issues) {
          context.addIssue({ ...issue, code: 'custom', path: issue.path, message: issue.message });
        }
      })
      .meta({
        description:
          'The tenant overlay: restaurantName, timezone, greeting, languages, countryCallingCode, hours, delivery, defaultCity, orderReferencePrefix, policies (all optional; unknown fields are refused).',
      }),
  })
  .meta({ id: 'OverlayCreate' });
const PromotionCreate = z
  .strictObject({ to: z.enum(['staging', 'production']) })
  .meta({ id: 'PromotionCreate' });
const PinPut = z.strictObject({ overlayId: z.uuid().nullable() }).meta({ id: 'OverlayPin' });
const EffectiveOverlay = z
  .strictObject({ overlay: OverlayVersion, pinned: z.boolean() })
  .meta({ id: 'EffectiveOverlay' });

const by = (principal: Parameters<typeof actorOf>[0], requestId: string) => ({
  actor: actorOf(principal),
  requestId,
});

export const listOverlayVersions = tenantRoute({
  operationId: 'listOverlayVersions',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/overlays',
  summary: "The tenant's overlay versions, newest first, with their environments",
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'blueprints:read',
  params: TenantParams,
  query: z.strictObject({ locationId: z.uuid().optional() }),
  responses: {
    200: {
      description: 'The versions',
      content: { [json]: z.strictObject({ overlays: z.array(OverlayVersion) }) },
    },
  },
  async handle({ tx, query }) {
    return { status: 200, body: { overlays: await listOverlays(tx, query.locationId) } };
  },
});

export const createOverlay = tenantRoute({
  operationId: 'createOverlay',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/overlays',
  summary: 'Create a new immutable overlay version (draft)',
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: admins,
  scope: 'blueprints:write',
  params: TenantParams,
  body: { [json]: OverlayCreate },
  bodyLimitBytes: overlayLimitBytes + 4096,
  responses: { 201: { description: 'Created', content: { [json]: OverlayVersion } } },
  problems: [413, 422],
  async handle({ tx, body, principal, requestId }) {
    const problems = [];
    const blueprint = await tx.query('select 1 from blueprints where id = $1', [body.blueprintId]);
    if (blueprint.rowCount === 0) problems.push({ path: '$.blueprintId', message: 'unknown' });
    if (body.locationId !== null) {
      const location = await tx.query('select 1 from tenant_locations where id = $1', [
        body.locationId,
      ]);
      if (location.rowCount === 0) problems.push({ path: '$.locationId', message: 'unknown' });
    }
    if (problems.length > 0) {
      throw new HttpProblem(422, 'validation-failed', 'the overlay names unknown things', problems);
    }
    const created = await createOverlayVersion(tx, body, by(principal, requestId));
    return { status: 201, body: created };
  },
});

export const promoteOverlay = tenantRoute({
  operationId: 'promoteOverlay',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/overlays/{overlayId}/promotions',
  summary:
    'Promote draft → staging or staging → production; 202 pending when the two-person rule is on',
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: admins,
  scope: 'blueprints:write',
  params: OverlayParams,
  body: { [json]: PromotionCreate },
  responses: {
    200: { description: 'Applied', content: { [json]: Promotion } },
    202: { description: 'Awaiting a second person', content: { [json]: Promotion } },
  },
  problems: [409, 422],
  async handle({ tx, params, body, principal, requestId }) {
    const promotion = await requestPromotion(
      tx,
      params.overlayId,
      body.to,
      by(principal, requestId),
    );
    return { status: promotion.status === 'pending' ? 202 : 200, body: promotion };
  },
});

export const approveOverlayPromotion = tenantRoute({
  operationId: 'approveOverlayPromotion',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/promotions/{promotionId}/approve',
  summary: 'Approve a pending promotion (not by its requester or the version author)',
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: admins,
  scope: 'blueprints:write',
  params: PromotionParams,
  responses: { 200: { description: 'Applied', content: { [json]: Promotion } } },
  problems: [409],
  async handle({ tx, params, principal, requestId }) {
    const promotion = await approvePromotion(tx, params.promotionId, by(principal, requestId));
    return { status: 200, body: promotion };
  },
});

export const rollbackOverlay = tenantRoute({
  operationId: 'rollbackOverlay',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/overlays/{overlayId}/rollback',
  summary: 'Make an earlier version production again, at once (no approval: §17)',
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: admins,
  scope: 'blueprints:write',
  params: OverlayParams,
  responses: { 200: { description: 'Now in production', content: { [json]: OverlayVersion } } },
  problems: [409],
  async handle({ tx, params, principal, requestId }) {
    return { status: 200, body: await rollbackTo(tx, params.overlayId, by(principal, requestId)) };
  },
});

export const pinLocationOverlay = tenantRoute({
  operationId: 'pinLocationOverlay',
  method: 'PUT',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/overlay-pin',
  summary: 'Pin the location to one version (null: follow production again)',
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: admins,
  scope: 'blueprints:write',
  params: LocationParams,
  body: { [json]: PinPut },
  responses: { 204: { description: 'Pinned (or unpinned)' } },
  problems: [422],
  async handle({ tx, params, body, principal, requestId }) {
    const location = await tx.query('select 1 from tenant_locations where id = $1', [
      params.locationId,
    ]);
    if (location.rowCount === 0) throw notFound('location');
    await pinLocation(tx, params.locationId, body.overlayId, by(principal, requestId));
    return { status: 204 };
  },
});

export const getEffectiveOverlay = tenantRoute({
  operationId: 'getEffectiveOverlay',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/overlay',
  summary: 'The version a new call at this location gets (pin, else production)',
  tag: 'blueprints',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'blueprints:read',
  params: LocationParams,
  responses: { 200: { description: 'The version', content: { [json]: EffectiveOverlay } } },
  async handle({ tx, params }) {
    const effective = await effectiveOverlay(tx, params.locationId);
    if (!effective) throw notFound('production overlay');
    return { status: 200, body: effective };
  },
});
