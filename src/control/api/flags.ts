import { z } from 'zod';
import { flagOnFor } from '../../platform/runtime-controls/index.ts';
import { actorOf } from '../auth/principal.ts';
import { anyRole, platformOnly } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { platformRoute, tenantRoute } from '../http/route-spec.ts';
import {
  deleteFlag,
  Flag,
  FlagDefinition,
  FlagKey,
  listFlags,
  readFlag,
  writeFlag,
} from '../runtime/flag-store.ts';
import { TenantParams } from './schemas.ts';

const json = 'application/json';
const FlagParams = z.strictObject({ flagKey: FlagKey });
const FlagList = z.strictObject({ flags: z.array(Flag) }).meta({ id: 'FlagList' });
/** What a tenant may know of a flag: whether it is on for itself, never the others' lists. */
const TenantFlag = z
  .strictObject({ key: z.string(), description: z.string(), on: z.boolean() })
  .meta({ id: 'TenantFlag' });
const flagEtag = (flag: Flag) => etagOf('flag', flag.revision);
const versioned = { description: 'The flag', content: { [json]: Flag }, etag: true };

export const listFeatureFlags = platformRoute({
  operationId: 'listFeatureFlags',
  method: 'GET',
  path: '/v1/flags',
  summary: 'Every feature flag with its targeting (platform admins)',
  tag: 'flags',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'flags:read',
  params: z.object({}),
  responses: { 200: { description: 'The flags', content: { [json]: FlagList } } },
  async handle({ db }) {
    return { status: 200, body: { flags: await db.withoutTenant(listFlags) } };
  },
});

export const getFeatureFlag = platformRoute({
  operationId: 'getFeatureFlag',
  method: 'GET',
  path: '/v1/flags/{flagKey}',
  summary: 'Read a feature flag',
  tag: 'flags',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'flags:read',
  params: FlagParams,
  responses: { 200: versioned },
  async handle({ db, params }) {
    const flag = await db.withoutTenant((tx) => readFlag(tx, params.flagKey));
    if (!flag) throw notFound('flag');
    return { status: 200, body: flag, etag: flagEtag(flag) };
  },
});

export const putFeatureFlag = platformRoute({
  operationId: 'putFeatureFlag',
  method: 'PUT',
  path: '/v1/flags/{flagKey}',
  summary:
    'Create a flag, or replace it (If-Match with its ETag required when it exists; 412 on a stale one)',
  tag: 'flags',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'flags:write',
  params: FlagParams,
  body: { [json]: FlagDefinition },
  responses: { 200: versioned, 201: { ...versioned, description: 'Created' } },
  // Documents the header; the handler requires it only when the flag exists.
  ifMatch: true,
  problems: [422],
  async handle({ db, params, body, ifMatch, principal, requestId }) {
    const overlap = body.allowTenantIds.filter((id) => body.denyTenantIds.includes(id));
    if (overlap.length > 0) {
      throw new HttpProblem(422, 'validation-failed', 'a tenant is both allowed and denied', [
        { path: '$.denyTenantIds', message: `also allowed: ${overlap.join(', ')}` },
      ]);
    }
    const { flag, created } = await db.withoutTenant(async (tx) => {
      const before = await readFlag(tx, params.flagKey, true);
      if (before) checkIfMatch(ifMatch, flagEtag(before));
      else if (ifMatch !== undefined && ifMatch.trim() !== '*') {
        throw new HttpProblem(412, 'precondition-failed', 'the flag does not exist', [
          { path: 'headers.if-match', message: 'no current ETag' },
        ]);
      }
      const by = { actor: actorOf(principal), requestId };
      return { flag: await writeFlag(tx, params.flagKey, body, before, by), created: !before };
    });
    return { status: created ? 201 : 200, body: flag, etag: flagEtag(flag) };
  },
});

export const deleteFeatureFlag = platformRoute({
  operationId: 'deleteFeatureFlag',
  method: 'DELETE',
  path: '/v1/flags/{flagKey}',
  summary: 'Delete a feature flag (it reads as off everywhere)',
  tag: 'flags',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'flags:write',
  params: FlagParams,
  responses: { 204: { description: 'Deleted' } },
  async handle({ db, params, principal, requestId }) {
    await db.withoutTenant(async (tx) => {
      const before = await readFlag(tx, params.flagKey, true);
      if (!before) throw notFound('flag');
      await deleteFlag(tx, before, { actor: actorOf(principal), requestId });
    });
    return { status: 204 };
  },
});

export const listTenantFlags = tenantRoute({
  operationId: 'listTenantFlags',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/flags',
  summary: 'Every flag and whether it is on for this tenant',
  tag: 'flags',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'flags:read',
  params: TenantParams,
  responses: {
    200: {
      description: 'The flags as this tenant sees them',
      content: { [json]: z.strictObject({ flags: z.array(TenantFlag) }) },
    },
  },
  async handle({ tx }) {
    // feature_flags has no RLS (platform-wide); only the evaluated answer leaves this route.
    const flags = await listFlags(tx);
    return {
      status: 200,
      body: {
        flags: flags.map((flag) => ({
          key: flag.key,
          description: flag.description,
          on: flagOnFor(flag, tx.tenantId),
        })),
      },
    };
  },
});
