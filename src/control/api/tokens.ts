import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, Scope, TenantRole } from '../auth/roles.ts';
import {
  createTenantToken,
  listTenantTokens,
  readTenantToken,
  revokeTenantToken,
  rotateTenantToken,
} from '../auth/token-store.ts';
import { notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import { TenantParams, TokenParams, listOf } from './schemas.ts';

const json = 'application/json';
const timestamp = z.string().meta({ format: 'date-time' });

export const ApiToken = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    role: TenantRole,
    scopes: z.array(Scope),
    prefix: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    rotatedFrom: z.uuid().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const IssuedApiToken = z
  .strictObject({
    token: z.string().meta({ description: 'The secret, shown this once: store it now' }),
    record: ApiToken,
  })
  .meta({ id: 'IssuedApiToken' });

const expiresInDays = z.number().int().min(1).max(3650);

export const ApiTokenCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    role: TenantRole,
    scopes: z.array(Scope).max(Scope.options.length).default([]),
    expiresInDays: expiresInDays.optional(),
  })
  .meta({ id: 'ApiTokenCreate' });

export const ApiTokenRotate = z
  .strictObject({
    /** How long the old token keeps working. @default 60 */
    overlapMinutes: z.number().int().min(0).max(10_080).default(60),
    expiresInDays: expiresInDays.optional(),
  })
  .meta({ id: 'ApiTokenRotate' });

const tokensPath = '/v1/tenants/{tenantId}/tokens';

export const listTokens = tenantRoute({
  operationId: 'listTokens',
  method: 'GET',
  path: tokensPath,
  summary: "List the tenant's API tokens (never their secrets)",
  tag: 'tokens',
  tenancy: 'tenant',
  roles: admins,
  scope: 'tokens:read',
  params: TenantParams,
  responses: {
    200: { description: 'The tokens', content: { [json]: listOf(ApiToken, 'ApiTokenList') } },
  },
  async handle({ tx }) {
    return { status: 200, body: { items: await listTenantTokens(tx) } };
  },
});

export const createToken = tenantRoute({
  operationId: 'createToken',
  method: 'POST',
  path: tokensPath,
  summary: 'Issue an API token; the secret is in this response only',
  tag: 'tokens',
  tenancy: 'tenant',
  roles: admins,
  scope: 'tokens:write',
  params: TenantParams,
  body: { [json]: ApiTokenCreate },
  responses: { 201: { description: 'Issued', content: { [json]: IssuedApiToken } } },
  problems: [422],
  async handle({ tx, body, principal, requestId }) {
    const issued = await createTenantToken(tx, body);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'token.create',
      resourceType: 'api_token',
      resourceId: issued.record.id,
      before: null,
      after: issued.record,
      requestId,
    });
    return { status: 201, body: issued };
  },
});

export const rotateToken = tenantRoute({
  operationId: 'rotateToken',
  method: 'POST',
  path: `${tokensPath}/{tokenId}/rotate`,
  summary: 'Rotate a token: a new secret now, the old one valid until the overlap ends',
  tag: 'tokens',
  tenancy: 'tenant',
  roles: admins,
  scope: 'tokens:write',
  params: TokenParams,
  body: { [json]: ApiTokenRotate },
  responses: { 201: { description: 'The new token', content: { [json]: IssuedApiToken } } },
  problems: [422],
  async handle({ tx, params, body, principal, requestId }) {
    const old = await readTenantToken(tx, params.tokenId, true);
    if (!old || old.revokedAt !== null) throw notFound('token');
    const rotated = await rotateTenantToken(tx, old, body.overlapMinutes, body.expiresInDays);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'token.rotate',
      resourceType: 'api_token',
      resourceId: old.id,
      before: old,
      after: { old: rotated.old, new: rotated.record },
      requestId,
    });
    return { status: 201, body: { token: rotated.token, record: rotated.record } };
  },
});

export const revokeToken = tenantRoute({
  operationId: 'revokeToken',
  method: 'DELETE',
  path: `${tokensPath}/{tokenId}`,
  summary: 'Revoke a token at once',
  tag: 'tokens',
  tenancy: 'tenant',
  roles: admins,
  scope: 'tokens:write',
  params: TokenParams,
  responses: { 200: { description: 'The revoked token', content: { [json]: ApiToken } } },
  async handle({ tx, params, principal, requestId }) {
    const before = await readTenantToken(tx, params.tokenId, true);
    if (!before) throw notFound('token');
    const after = (await revokeTenantToken(tx, params.tokenId))!;
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'token.revoke',
      resourceType: 'api_token',
      resourceId: params.tokenId,
      before,
      after,
      requestId,
    });
    return { status: 200, body: after };
  },
});
