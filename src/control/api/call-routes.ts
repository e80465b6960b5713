import type { z } from 'zod';
import { newId } from '../../platform/ids.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole } from '../auth/roles.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import { CallRoute, CallRouteCreate, RouteParams, TenantParams, listOf } from './schemas.ts';

const json = 'application/json';
type CallRoute = z.infer<typeof CallRoute>;

interface RouteRow {
  id: string;
  location_id: string;
  kind: CallRoute['kind'];
  address: string;
  enabled: boolean;
  created_at: Date;
}

const toCallRoute = (row: RouteRow): CallRoute => ({
  id: row.id,
  locationId: row.location_id,
  kind: row.kind,
  address: row.address,
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
});

export const listCallRoutes = tenantRoute({
  operationId: 'listCallRoutes',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/routes',
  summary: 'List the phone numbers and SIP URIs that reach the tenant',
  tag: 'routes',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'routes:read',
  params: TenantParams,
  responses: {
    200: { description: 'The routes', content: { [json]: listOf(CallRoute, 'CallRouteList') } },
  },
  async handle({ tx }) {
    const rows = await tx.query<RouteRow>('select * from routes order by created_at, id');
    return { status: 200, body: { items: rows.rows.map(toCallRoute) } };
  },
});

export const createCallRoute = tenantRoute({
  operationId: 'createCallRoute',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/routes',
  summary: 'Route a phone number (E.164) or SIP URI to a location; a routed address is 409',
  tag: 'routes',
  tenancy: 'tenant',
  roles: admins,
  scope: 'routes:write',
  params: TenantParams,
  body: { [json]: CallRouteCreate },
  responses: { 201: { description: 'Created', content: { [json]: CallRoute } } },
  problems: [409, 422],
  async handle({ tx, body, principal, requestId }) {
    const location = await tx.query('select 1 from tenant_locations where id = $1', [
      body.locationId,
    ]);
    if (!location.rowCount) {
      throw new HttpProblem(422, 'validation-failed', 'the location does not exist', [
        { path: '$.locationId', message: 'no such location' },
      ]);
    }
    const id = newId();
    // route_directory makes an address unique platform-wide; the 409 names no tenant.
    try {
      await tx.query(
        `insert into routes (tenant_id, id, location_id, kind, address) values ($1, $2, $3, $4, $5)`,
        [tx.tenantId, id, body.locationId, body.kind, body.address],
      );
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      throw new HttpProblem(409, 'conflict', `${body.address} is already routed`, [
        { path: '$.address', message: 'already routed' },
      ]);
    }
    const row = await tx.query<RouteRow>('select * from routes where id = $1', [id]);
    const created = toCallRoute(row.rows[0]!);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'route.create',
      resourceType: 'route',
      resourceId: id,
      before: null,
      after: created,
      requestId,
    });
    return { status: 201, body: created };
  },
});

export const deleteCallRoute = tenantRoute({
  operationId: 'deleteCallRoute',
  method: 'DELETE',
  path: '/v1/tenants/{tenantId}/routes/{routeId}',
  summary: 'Stop routing an address',
  tag: 'routes',
  tenancy: 'tenant',
  roles: admins,
  scope: 'routes:write',
  params: RouteParams,
  responses: { 204: { description: 'Deleted' } },
  async handle({ tx, params, principal, requestId }) {
    const row = await tx.query<RouteRow>('delete from routes where id = $1 returning *', [
      params.routeId,
    ]);
    if (!row.rows[0]) throw notFound('route');
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'route.delete',
      resourceType: 'route',
      resourceId: params.routeId,
      before: toCallRoute(row.rows[0]),
      after: null,
      requestId,
    });
    return { status: 204 };
  },
});
