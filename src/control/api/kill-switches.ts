import { z } from 'zod';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole, platformOnly } from '../auth/roles.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { platformRoute, tenantRoute } from '../http/route-spec.ts';
import {
  KillSwitch,
  KillSwitchCreate,
  listKillSwitches,
  turnKillSwitchOff,
  turnKillSwitchOn,
} from '../runtime/kill-switch-store.ts';
import { TenantParams } from './schemas.ts';

const json = 'application/json';
const KillSwitchList = z
  .strictObject({ killSwitches: z.array(KillSwitch) })
  .meta({ id: 'KillSwitchList' });
const ListQuery = z.strictObject({
  include: z.enum(['active', 'all']).default('active').meta({
    description: '`all` adds switches that were turned off (the history)',
  }),
});
const GlobalSwitchParams = z.strictObject({ killSwitchId: z.uuid() });
const TenantSwitchParams = TenantParams.extend({ killSwitchId: z.uuid() });

const onResponses = {
  200: { description: 'Already on: the existing switch', content: { [json]: KillSwitch } },
  201: { description: 'Turned on', content: { [json]: KillSwitch } },
};

export const listGlobalKillSwitches = platformRoute({
  operationId: 'listGlobalKillSwitches',
  method: 'GET',
  path: '/v1/kill-switches',
  summary: 'Platform-wide kill switches (every role may read: "is the platform stopped?")',
  tag: 'kill-switches',
  tenancy: 'platform',
  roles: anyRole,
  scope: 'kill-switches:read',
  params: z.object({}),
  query: ListQuery,
  responses: { 200: { description: 'The switches', content: { [json]: KillSwitchList } } },
  async handle({ db, query }) {
    const killSwitches = await db.withoutTenant((tx) =>
      listKillSwitches({ kind: 'global', tx }, query.include === 'all'),
    );
    return { status: 200, body: { killSwitches } };
  },
});

export const turnGlobalKillSwitchOn = platformRoute({
  operationId: 'turnGlobalKillSwitchOn',
  method: 'POST',
  path: '/v1/kill-switches',
  summary: 'Turn a platform-wide kill switch on (every running worker within 2 s)',
  tag: 'kill-switches',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'kill-switches:write',
  params: z.object({}),
  body: { [json]: KillSwitchCreate },
  responses: onResponses,
  problems: [422],
  async handle({ db, body, principal, requestId }) {
    if (body.kind === 'overflow_off' && body.locationId !== undefined) {
      throw new HttpProblem(422, 'validation-failed', 'a global switch names no location', [
        { path: '$.locationId', message: 'only for a tenant switch' },
      ]);
    }
    const result = await db.withoutTenant((tx) =>
      turnKillSwitchOn({ kind: 'global', tx }, body, { actor: actorOf(principal), requestId }),
    );
    return { status: result.created ? 201 : 200, body: result.killSwitch };
  },
});

export const turnGlobalKillSwitchOff = platformRoute({
  operationId: 'turnGlobalKillSwitchOff',
  method: 'DELETE',
  path: '/v1/kill-switches/{killSwitchId}',
  summary: 'Turn a platform-wide kill switch off (kept as history)',
  tag: 'kill-switches',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'kill-switches:write',
  params: GlobalSwitchParams,
  responses: { 200: { description: 'Turned off', content: { [json]: KillSwitch } } },
  async handle({ db, params, principal, requestId }) {
    const cleared = await db.withoutTenant((tx) =>
      turnKillSwitchOff({ kind: 'global', tx }, params.killSwitchId, {
        actor: actorOf(principal),
        requestId,
      }),
    );
    if (!cleared) throw notFound('kill switch');
    return { status: 200, body: cleared };
  },
});

export const listTenantKillSwitches = tenantRoute({
  operationId: 'listTenantKillSwitches',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/kill-switches',
  summary: "The tenant's own kill switches",
  tag: 'kill-switches',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'kill-switches:read',
  params: TenantParams,
  query: ListQuery,
  responses: { 200: { description: 'The switches', content: { [json]: KillSwitchList } } },
  async handle({ tx, query }) {
    const killSwitches = await listKillSwitches({ kind: 'tenant', tx }, query.include === 'all');
    return { status: 200, body: { killSwitches } };
  },
});

export const turnTenantKillSwitchOn = tenantRoute({
  operationId: 'turnTenantKillSwitchOn',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/kill-switches',
  summary: "Turn one of the tenant's kill switches on (every running worker within 2 s)",
  tag: 'kill-switches',
  tenancy: 'tenant',
  roles: admins,
  scope: 'kill-switches:write',
  params: TenantParams,
  body: { [json]: KillSwitchCreate },
  responses: onResponses,
  problems: [422],
  async handle({ tx, body, principal, requestId }) {
    if (body.kind === 'overflow_off' && body.locationId !== undefined) {
      const found = await tx.query('select 1 from tenant_locations where id = $1', [
        body.locationId,
      ]);
      if (found.rowCount === 0) {
        throw new HttpProblem(422, 'validation-failed', 'no such location in this tenant', [
          { path: '$.locationId', message: 'unknown location' },
        ]);
      }
    }
    const result = await turnKillSwitchOn({ kind: 'tenant', tx }, body, {
      actor: actorOf(principal),
      requestId,
    });
    return { status: result.created ? 201 : 200, body: result.killSwitch };
  },
});

export const turnTenantKillSwitchOff = tenantRoute({
  operationId: 'turnTenantKillSwitchOff',
  method: 'DELETE',
  path: '/v1/tenants/{tenantId}/kill-switches/{killSwitchId}',
  summary: "Turn one of the tenant's kill switches off (kept as history)",
  tag: 'kill-switches',
  tenancy: 'tenant',
  roles: admins,
  scope: 'kill-switches:write',
  params: TenantSwitchParams,
  responses: { 200: { description: 'Turned off', content: { [json]: KillSwitch } } },
  async handle({ tx, params, principal, requestId }) {
    const cleared = await turnKillSwitchOff({ kind: 'tenant', tx }, params.killSwitchId, {
      actor: actorOf(principal),
      requestId,
    });
    if (!cleared) throw notFound('kill switch');
    return { status: 200, body: cleared };
  },
});
