import type { z } from 'zod';
import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole, operators } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import { publishConfigChange } from '../notify/config-channel.ts';
import {
  Location,
  LocationCreate,
  LocationParams,
  LocationPatch,
  OverflowChange,
  TenantParams,
  listOf,
} from './schemas.ts';

const json = 'application/json';
type Location = z.infer<typeof Location>;

interface LocationRow {
  id: string;
  tenant_id: string;
  name: string;
  timezone: string;
  address: Location['address'];
  phone: string | null;
  overflow_enabled: boolean;
  revision: string;
  created_at: Date;
  updated_at: Date;
}

const toLocation = (row: LocationRow): Location => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  timezone: row.timezone,
  address: row.address,
  phone: row.phone,
  overflowEnabled: row.overflow_enabled,
  revision: Number(row.revision),
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const locationEtag = (location: Location) => etagOf('location', location.revision);

/** Reads a location of the transaction's tenant, locked for update when `lock`; 404 if none. */
export async function readLocation(
  tx: TenantTx,
  locationId: string,
  lock = false,
): Promise<Location> {
  const found = await tx.query<LocationRow>(
    `select * from tenant_locations where id = $1 ${lock ? 'for update' : ''}`,
    [locationId],
  );
  if (!found.rows[0]) throw notFound('location');
  return toLocation(found.rows[0]);
}

const versioned = { description: 'The location', content: { [json]: Location }, etag: true };

export const listLocations = tenantRoute({
  operationId: 'listLocations',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/locations',
  summary: "List the tenant's locations",
  tag: 'locations',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'locations:read',
  params: TenantParams,
  responses: {
    200: { description: 'The locations', content: { [json]: listOf(Location, 'LocationList') } },
  },
  async handle({ tx }) {
    const rows = await tx.query<LocationRow>(
      'select * from tenant_locations order by created_at, id',
    );
    return { status: 200, body: { items: rows.rows.map(toLocation) } };
  },
});

export const createLocation = tenantRoute({
  operationId: 'createLocation',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/locations',
  summary: 'Create a location (with its kitchen status)',
  tag: 'locations',
  tenancy: 'tenant',
  roles: admins,
  scope: 'locations:write',
  params: TenantParams,
  body: { [json]: LocationCreate },
  responses: { 201: { ...versioned, description: 'Created' } },
  problems: [422],
  async handle({ tx, body, principal, requestId }) {
    const id = newId();
    await tx.query(
      `insert into tenant_locations (tenant_id, id, name, timezone, address, phone) values ($1, $2, $3, $4, $5, $6)`,
      [tx.tenantId, id, body.name, body.timezone, JSON.stringify(body.address), body.phone],
    );
    await tx.query('insert into kitchen_status (tenant_id, location_id) values ($1, $2)', [
      tx.tenantId,
      id,
    ]);
    const location = await readLocation(tx, id);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'location.create',
      resourceType: 'location',
      resourceId: id,
      before: null,
      after: location,
      requestId,
    });
    return {
      status: 201,
      body: location,
      etag: locationEtag(location),
      headers: { location: `/v1/tenants/${tx.tenantId}/locations/${id}` },
    };
  },
});

export const getLocation = tenantRoute({
  operationId: 'getLocation',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/locations/{locationId}',
  summary: 'Read a location',
  tag: 'locations',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'locations:read',
  params: LocationParams,
  responses: { 200: versioned },
  async handle({ tx, params }) {
    const location = await readLocation(tx, params.locationId);
    return { status: 200, body: location, etag: locationEtag(location) };
  },
});

export const updateLocation = tenantRoute({
  operationId: 'updateLocation',
  method: 'PATCH',
  path: '/v1/tenants/{tenantId}/locations/{locationId}',
  summary: 'Change a location (If-Match required)',
  tag: 'locations',
  tenancy: 'tenant',
  roles: admins,
  scope: 'locations:write',
  params: LocationParams,
  body: { [json]: LocationPatch },
  ifMatch: true,
  responses: { 200: versioned },
  problems: [422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    const before = await readLocation(tx, params.locationId, true);
    checkIfMatch(ifMatch, locationEtag(before));
    await tx.query(
      `update tenant_locations set name = $2, timezone = $3, address = $4, phone = $5,
         revision = revision + 1, updated_at = now() where id = $1`,
      [
        params.locationId,
        body.name ?? before.name,
        body.timezone ?? before.timezone,
        JSON.stringify(body.address ?? before.address),
        body.phone === undefined ? before.phone : body.phone,
      ],
    );
    const after = await readLocation(tx, params.locationId);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'location.update',
      resourceType: 'location',
      resourceId: params.locationId,
      before,
      after,
      requestId,
    });
    return { status: 200, body: after, etag: locationEtag(after) };
  },
});

export const deleteLocation = tenantRoute({
  operationId: 'deleteLocation',
  method: 'DELETE',
  path: '/v1/tenants/{tenantId}/locations/{locationId}',
  summary: 'Delete a location with its routes, menus and kitchen status',
  tag: 'locations',
  tenancy: 'tenant',
  roles: admins,
  scope: 'locations:write',
  params: LocationParams,
  responses: { 204: { description: 'Deleted' } },
  problems: [409],
  async handle({ tx, params, principal, requestId }) {
    const before = await readLocation(tx, params.locationId, true);
    try {
      await tx.query('delete from tenant_locations where id = $1', [params.locationId]);
    } catch (error) {
      if ((error as { code?: string }).code !== '23503') throw error;
      throw new HttpProblem(
        409,
        'conflict',
        'the location has call sessions or print jobs; it cannot be deleted',
      );
    }
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'location.delete',
      resourceType: 'location',
      resourceId: params.locationId,
      before,
      after: null,
      requestId,
    });
    return { status: 204 };
  },
});

export const setOverflow = tenantRoute({
  operationId: 'setOverflow',
  method: 'PUT',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/overflow',
  summary: 'Turn overflow call handling on or off (If-Match: the location ETag)',
  tag: 'locations',
  tenancy: 'tenant',
  roles: operators,
  scope: 'locations:write',
  params: LocationParams,
  body: { [json]: OverflowChange },
  ifMatch: true,
  responses: { 200: versioned },
  problems: [422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    const before = await readLocation(tx, params.locationId, true);
    checkIfMatch(ifMatch, locationEtag(before));
    await tx.query(
      `update tenant_locations set overflow_enabled = $2, revision = revision + 1, updated_at = now() where id = $1`,
      [params.locationId, body.enabled],
    );
    const after = await readLocation(tx, params.locationId);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: body.enabled ? 'location.overflow_on' : 'location.overflow_off',
      resourceType: 'location',
      resourceId: params.locationId,
      before: { overflowEnabled: before.overflowEnabled },
      after: { overflowEnabled: after.overflowEnabled, reason: body.reason },
      requestId,
    });
    await publishConfigChange(
      tx,
      {
        type: 'OverflowToggled',
        payload: {
          location_id: params.locationId,
          enabled: body.enabled,
          source: 'api',
          actor_id: actorOf(principal),
          reason: body.reason,
        },
        sessionId: null,
        correlationId: requestId,
      },
      params.locationId,
    );
    return { status: 200, body: after, etag: locationEtag(after) };
  },
});
