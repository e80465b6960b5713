import { z } from 'zod';
import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { flagOnFor } from '../../platform/runtime-controls/index.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import type { Actor } from '../runtime/kill-switch-store.ts';

/** The flag that turns the two-person rule on, globally (rollout 100 %) or per tenant (allow). */
export const twoPersonRuleFlag = 'blueprint.two-person-rule';

export const OverlayEnvironment = z.enum(['draft', 'staging', 'production', 'retired']);
export type OverlayEnvironment = z.infer<typeof OverlayEnvironment>;

const timestamp = z.string().meta({ format: 'date-time' });

export const OverlayVersion = z
  .strictObject({
    id: z.uuid(),
    locationId: z.uuid().nullable(),
    version: z.number().int(),
    blueprintId: z.uuid(),
    environment: OverlayEnvironment,
    overlay: z.record(z.string(), z.unknown()),
    createdBy: z.string(),
    createdAt: timestamp,
  })
  .meta({ id: 'OverlayVersion' });
export type OverlayVersion = z.infer<typeof OverlayVersion>;

export const Promotion = z
  .strictObject({
    id: z.uuid(),
    overlayId: z.uuid(),
    from: OverlayEnvironment,
    to: z.enum(['staging', 'production']),
    status: z.enum(['pending', 'applied', 'rejected']),
    requestedBy: z.string(),
    approvedBy: z.string().nullable(),
    createdAt: timestamp,
    decidedAt: timestamp.nullable(),
  })
  .meta({ id: 'OverlayPromotion' });
export type Promotion = z.infer<typeof Promotion>;

interface OverlayRow {
  id: string;
  location_id: string | null;
  version: number;
  blueprint_id: string;
  environment: OverlayEnvironment;
  overlay: Record<string, unknown>;
  created_by: string;
  created_at: Date;
}
interface PromotionRow {
  id: string;
  overlay_id: string;
  from_env: OverlayEnvironment;
  to_env: 'staging' | 'production';
  status: Promotion['status'];
  requested_by: string;
  approved_by: string | null;
  created_at: Date;
  decided_at: Date | null;
}

const toOverlay = (row: OverlayRow): OverlayVersion => ({
  id: row.id,
  locationId: row.location_id,
  version: row.version,
  blueprintId: row.blueprint_id,
  environment: row.environment,
  overlay: row.overlay,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});
const toPromotion = (row: PromotionRow): Promotion => ({
  id: row.id,
  overlayId: row.overlay_id,
  from: row.from_env,
  to: row.to_env,
  status: row.status,
  requestedBy: row.requested_by,
  approvedBy: row.approved_by,
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});

export async function readOverlay(tx: TenantTx, id: string, lock = false) {
  const found = await tx.query<OverlayRow>(
    `select * from tenant_overlays where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  if (!found.rows[0]) throw notFound('overlay version');
  return toOverlay(found.rows[0]);
}

export async function listOverlays(tx: TenantTx, locationId?: string): Promise<OverlayVersion[]> {
  const rows = await tx.query<OverlayRow>(
    `select * from tenant_overlays where ($1::uuid is null or location_id = $1)
     order by location_id nulls first, version desc limit 500`,
    [locationId ?? null],
  );
  return rows.rows.map(toOverlay);
}

/** Serializes version numbering and environment moves of one tenant × location scope. */
async function lockScope(tx: TenantTx, locationId: string | null): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `voxeron.overlay:${tx.tenantId}:${locationId ?? '*'}`,
  ]);
}

/** A new immutable draft version: the scope's highest version + 1. */
export async function createOverlayVersion(
  tx: TenantTx,
  input: { locationId: string | null; blueprintId: string; overlay: Record<string, unknown> },
  by: Actor,
): Promise<OverlayVersion> {
  await lockScope(tx, input.locationId);
  const next = await tx.query<{ version: number }>(
    `select coalesce(max(version), 0) + 1 as version from tenant_overlays
     where location_id is not distinct from $1`,
    [input.locationId],
  );
  const inserted = await tx.query<OverlayRow>(
    `insert into tenant_overlays (tenant_id, id, location_id, version, blueprint_id, overlay, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning *`,
    [
      tx.tenantId,
      newId(),
      input.locationId,
      next.rows[0]!.version,
      input.blueprintId,
      JSON.stringify(input.overlay),
      by.actor,
    ],
  );
  const created = toOverlay(inserted.rows[0]!);
  await writeAudit(tx, {
    actor: by.actor,
    action: 'overlay.create',
    resourceType: 'overlay',
    resourceId: created.id,
    before: null,
    after: created,
    requestId: by.requestId,
  });
  return created;
}

/** Moves a version to `to`; going to production retires the scope's current production. */
async function moveTo(tx: TenantTx, overlay: OverlayVersion, to: OverlayEnvironment) {
  if (to === 'production') {
    await tx.query(
      `update tenant_overlays set environment = 'retired'
       where environment = 'production' and location_id is not distinct from $1 and id <> $2`,
      [overlay.locationId, overlay.id],
    );
  }
  await tx.query(`update tenant_overlays set environment = $2 where id = $1`, [overlay.id, to]);
}

const allowedPromotions: Record<string, OverlayEnvironment> = {
  draft: 'staging',
  staging: 'production',
};

async function twoPersonRuleOn(tx: TenantTx): Promise<boolean> {
  const found = await tx.query<{
    key: string;
    enabled: boolean;
    allow_tenant_ids: string[];
    deny_tenant_ids: string[];
    rollout_percent: number;
  }>('select * from feature_flags where key = $1', [twoPersonRuleFlag]);
  const row = found.rows[0];
  return (
    row !== undefined &&
    flagOnFor(
      {
        key: row.key,
        enabled: row.enabled,
        allowTenantIds: row.allow_tenant_ids,
        denyTenantIds: row.deny_tenant_ids,
        rolloutPercent: row.rollout_percent,
      },
      tx.tenantId,
    )
  );
}

async function applyPromotion(
  tx: TenantTx,
  promotion: Promotion,
  overlay: OverlayVersion,
  by: Actor,
  approvedBy: string | null,
): Promise<Promotion> {
  await moveTo(tx, overlay, promotion.to);
  const updated = await tx.query<PromotionRow>(
    `update overlay_promotions set status = 'applied', approved_by = $2, decided_at = now()
     where id = $1 returning *`,
    [promotion.id, approvedBy],
  );
  const applied = toPromotion(updated.rows[0]!);
  await writeAudit(tx, {
    actor: by.actor,
    action: `overlay.promote.${promotion.to}`,
    resourceType: 'overlay',
    resourceId: overlay.id,
    before: { environment: overlay.environment },
    after: { environment: promotion.to, promotion: applied },
    requestId: by.requestId,
  });
  return applied;
}

/**
 * Requests draft → staging or staging → production. Without the two-person rule it applies at
 * once; with it, it waits for {@link approvePromotion} by somebody else.
 */
export async function requestPromotion(
  tx: TenantTx,
  overlayId: string,
  to: 'staging' | 'production',
  by: Actor,
): Promise<Promotion> {
  const overlay = await readOverlay(tx, overlayId);
  await lockScope(tx, overlay.locationId);
  const current = await readOverlay(tx, overlayId, true);
  if (allowedPromotions[current.environment] !== to) {
    throw new HttpProblem(
      409,
      'conflict',
      `version ${current.version} is in ${current.environment}; it can be promoted to ${allowedPromotions[current.environment] ?? 'nothing (use rollback)'} only`,
      [{ path: '$.to', message: `not reachable from ${current.environment}` }],
    );
  }
  const pending = await tx.query(
    `select 1 from overlay_promotions where overlay_id = $1 and status = 'pending'`,
    [overlayId],
  );
  if ((pending.rowCount ?? 0) > 0) {
    throw new HttpProblem(409, 'conflict', 'a promotion of this version awaits approval');
  }
  const inserted = await tx.query<PromotionRow>(
    `insert into overlay_promotions (tenant_id, id, overlay_id, from_env, to_env, requested_by)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [tx.tenantId, newId(), overlayId, current.environment, to, by.actor],
  );
  const promotion = toPromotion(inserted.rows[0]!);
  if (await twoPersonRuleOn(tx)) {
    await writeAudit(tx, {
      actor: by.actor,
      action: 'overlay.promotion.request',
      resourceType: 'overlay_promotion',
      resourceId: promotion.id,
      before: null,
      after: promotion,
      requestId: by.requestId,
    });
    return promotion;
  }
  return applyPromotion(tx, promotion, current, by, null);
}

/** The second person: must be neither who asked nor who wrote the version. */
export async function approvePromotion(
  tx: TenantTx,
  promotionId: string,
  by: Actor,
): Promise<Promotion> {
  const found = await tx.query<PromotionRow>(
    `select * from overlay_promotions where id = $1 for update`,
    [promotionId],
  );
  if (!found.rows[0]) throw notFound('promotion');
  const promotion = toPromotion(found.rows[0]);
  if (promotion.status !== 'pending') {
    throw new HttpProblem(409, 'conflict', `the promotion is already ${promotion.status}`);
  }
  const overlay = await readOverlay(tx, promotion.overlayId);
  if (by.actor === promotion.requestedBy || by.actor === overlay.createdBy) {
    throw new HttpProblem(
      403,
      'role-forbidden',
      'two-person rule: the approver must be someone other than the requester and the author',
    );
  }
  await lockScope(tx, overlay.locationId);
  const current = await readOverlay(tx, promotion.overlayId, true);
  if (current.environment !== promotion.from) {
    throw new HttpProblem(409, 'conflict', `the version moved to ${current.environment} meanwhile`);
  }
  return applyPromotion(tx, promotion, current, by, by.actor);
}

/**
 * Instant rollback: an earlier version (lower number than the scope's production) becomes
 * production again, no approval needed — rolling back must always be possible (§17).
 */
export async function rollbackTo(
  tx: TenantTx,
  overlayId: string,
  by: Actor,
): Promise<OverlayVersion> {
  const target = await readOverlay(tx, overlayId);
  await lockScope(tx, target.locationId);
  const production = await tx.query<OverlayRow>(
    `select * from tenant_overlays where environment = 'production'
     and location_id is not distinct from $1`,
    [target.locationId],
  );
  const current = production.rows[0] ? toOverlay(production.rows[0]) : undefined;
  if (!current || target.version >= current.version || target.environment === 'draft') {
    throw new HttpProblem(
      409,
      'conflict',
      current
        ? `roll back to a staged or retired version below ${current.version} (production now)`
        : 'nothing is in production in this scope',
    );
  }
  await moveTo(tx, target, 'production');
  const after = await readOverlay(tx, overlayId);
  await writeAudit(tx, {
    actor: by.actor,
    action: 'overlay.rollback',
    resourceType: 'overlay',
    resourceId: overlayId,
    before: { production: current.id, version: current.version },
    after: { production: after.id, version: after.version },
    requestId: by.requestId,
  });
  return after;
}

/**
 * The version a new session at `locationId` gets: the location's pin, else the location's
 * production version, else the tenant-wide production version.
 */
export async function effectiveOverlay(
  tx: TenantTx,
  locationId: string,
): Promise<{ overlay: OverlayVersion; pinned: boolean } | undefined> {
  const found = await tx.query<OverlayRow & { pinned: boolean }>(
    `select * from (
       select o.*, true as pinned from overlay_pins p join tenant_overlays o on o.id = p.overlay_id
         where p.location_id = $1
       union all
       select o.*, false from tenant_overlays o where o.environment = 'production'
         and (o.location_id = $1 or o.location_id is null)
     ) candidates order by pinned desc, location_id nulls last limit 1`,
    [locationId],
  );
  const row = found.rows[0];
  return row ? { overlay: toOverlay(row), pinned: row.pinned } : undefined;
}

/** Pins a location to one version (any environment but draft), or unpins with `null`. */
export async function pinLocation(
  tx: TenantTx,
  locationId: string,
  overlayId: string | null,
  by: Actor,
): Promise<void> {
  const before = await tx.query<{ overlay_id: string }>(
    'select overlay_id from overlay_pins where location_id = $1 for update',
    [locationId],
  );
  if (overlayId !== null) {
    const overlay = await readOverlay(tx, overlayId);
    if (overlay.environment === 'draft' || (overlay.locationId ?? locationId) !== locationId) {
      throw new HttpProblem(
        422,
        'validation-failed',
        'pin a staged, production or retired version of this location (or a tenant-wide one)',
        [{ path: '$.overlayId', message: 'not pinnable here' }],
      );
    }
  }
  await tx.query('delete from overlay_pins where location_id = $1', [locationId]);
  if (overlayId !== null) {
    await tx.query(
      `insert into overlay_pins (tenant_id, id, location_id, overlay_id, pinned_by) values ($1, $2, $3, $4, $5)`,
      [tx.tenantId, newId(), locationId, overlayId, by.actor],
    );
  }
  await writeAudit(tx, {
    actor: by.actor,
    action: overlayId ? 'overlay.pin' : 'overlay.unpin',
    resourceType: 'location',
    resourceId: locationId,
    before: { pinnedOverlayId: before.rows[0]?.overlay_id ?? null },
    after: { pinnedOverlayId: overlayId },
    requestId: by.requestId,
  });
}
