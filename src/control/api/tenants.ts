import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole, platformOnly } from '../auth/roles.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { platformRoute, tenantRoute } from '../http/route-spec.ts';
import { Tenant, TenantCreate, TenantParams, TenantPatch } from './schemas.ts';
import { z } from 'zod';

const json = 'application/json';

interface TenantRow {
  id: string;
  name: string;
  slug: string;
  tier: Tenant['tier'];
  region: string;
  sector: Tenant['sector'];
  locales: string[];
  status: Tenant['status'];
  created_at: Date;
  updated_at: Date;
}
type Tenant = z.infer<typeof Tenant>;

const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  tier: row.tier,
  region: row.region,
  sector: row.sector,
  locales: row.locales,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

async function readTenant(tx: TenantTx, lock = false): Promise<Tenant> {
  const found = await tx.query<TenantRow>(
    `select * from tenants where id = $1 ${lock ? 'for update' : ''}`,
    [tx.tenantId],
  );
  if (!found.rows[0]) throw notFound('tenant');
  return toTenant(found.rows[0]);
}

export const createTenant = platformRoute({
  operationId: 'createTenant',
  method: 'POST',
  path: '/v1/tenants',
  summary: 'Create a tenant (platform admins)',
  tag: 'tenants',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'tenants:write',
  params: z.object({}),
  body: { [json]: TenantCreate },
  responses: { 201: { description: 'Created', content: { [json]: Tenant } } },
  problems: [409, 422],
  async handle({ db, body, principal, requestId }) {
    const tenantId = newId();
    try {
      const created = await db.withTenant(tenantId, async (tx) => {
        await tx.query(
          `insert into tenants (id, name, slug, tier, region, sector, locales) values ($1, $2, $3, $4, $5, $6, $7)`,
          [tenantId, body.name, body.slug, body.tier, body.region, body.sector, body.locales],
        );
        const tenant = await readTenant(tx);
        await writeAudit(tx, {
          actor: actorOf(principal),
          action: 'tenant.create',
          resourceType: 'tenant',
          resourceId: tenantId,
          before: null,
          after: tenant,
          requestId,
        });
        return tenant;
      });
      return { status: 201, body: created, headers: { location: `/v1/tenants/${tenantId}` } };
    } catch (error) {
      // The slug is the one platform-wide handle (ADR 0004); only platform admins get here.
      if ((error as { code?: string }).code === '23505') {
        throw new HttpProblem(409, 'conflict', `the slug "${body.slug}" is taken`, [
          { path: '$.slug', message: 'already in use' },
        ]);
      }
      throw error;
    }
  },
});

export const getTenant = tenantRoute({
  operationId: 'getTenant',
  method: 'GET',
  path: '/v1/tenants/{tenantId}',
  summary: 'Read a tenant',
  tag: 'tenants',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'tenants:read',
  params: TenantParams,
  responses: { 200: { description: 'The tenant', content: { [json]: Tenant } } },
  async handle({ tx }) {
    return { status: 200, body: await readTenant(tx) };
  },
});

export const updateTenant = tenantRoute({
  operationId: 'updateTenant',
  method: 'PATCH',
  path: '/v1/tenants/{tenantId}',
  summary: 'Change a tenant (tier and status: platform admins only)',
  tag: 'tenants',
  tenancy: 'tenant',
  roles: admins,
  scope: 'tenants:write',
  params: TenantParams,
  body: { [json]: TenantPatch },
  responses: { 200: { description: 'The changed tenant', content: { [json]: Tenant } } },
  problems: [422],
  async handle({ tx, body, principal, requestId }) {
    if (
      principal.role !== 'platform_admin' &&
      (body.tier !== undefined || body.status !== undefined)
    ) {
      throw new HttpProblem(403, 'role-forbidden', 'only platform admins change tier or status', [
        ...(body.tier !== undefined ? [{ path: '$.tier', message: 'platform admins only' }] : []),
        ...(body.status !== undefined
          ? [{ path: '$.status', message: 'platform admins only' }]
          : []),
      ]);
    }
    const before = await readTenant(tx, true);
    await tx.query(
      `update tenants set name = coalesce($2, name), locales = coalesce($3, locales), tier = coalesce($4, tier),
         status = coalesce($5, status), updated_at = now() where id = $1`,
      [
        tx.tenantId,
        body.name ?? null,
        body.locales ?? null,
        body.tier ?? null,
        body.status ?? null,
      ],
    );
    const after = await readTenant(tx);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'tenant.update',
      resourceType: 'tenant',
      resourceId: tx.tenantId,
      before,
      after,
      requestId,
    });
    return { status: 200, body: after };
  },
});
