import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { z } from 'zod';
import type { Database, TenantTx } from '../../platform/db/index.ts';
import type { Principal } from '../auth/principal.ts';
import type { Role, Scope } from '../auth/roles.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One declared response: its content types and their schemas (none: an empty body). */
export interface ResponseSpec {
  description: string;
  content?: Record<string, z.ZodType>;
  /** The response carries an ETag header. */
  etag?: boolean;
}

export interface RequestContext<Params, Body, Query> {
  params: Params;
  body: Body;
  query: Query;
  principal: Principal;
  /** A UUID v7 per request, also the correlation id of the events it causes. */
  requestId: string;
  /** The raw If-Match header. */
  ifMatch: string | undefined;
  /** The media type the request body was sent as, without parameters. */
  contentType: string | undefined;
  accept: string | undefined;
  /** Seals secrets the platform stores and must read back (webhook signing secrets). */
  secrets: SecretBox;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** Defaults to the first content type declared for the status. */
  contentType?: string;
  etag?: string;
  headers?: Record<string, string>;
}

interface RouteSpecBase<Params, Body, Query> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/tenants/{tenantId}/locations/{locationId}`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles that may call the route; every other role gets 403. */
  roles: readonly Role[];
  scope: Scope;
  params: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  /** Request body schemas per accepted media type; another media type gets 415. */
  body?: Record<string, z.ZodType<Body>>;
  /** PUT/PATCH of a versioned resource: If-Match required (428 when missing, 412 on mismatch). */
  ifMatch?: boolean;
  bodyLimitBytes?: number;
  responses: Record<number, ResponseSpec>;
  /** Problem statuses this route may answer besides the ones every route may. */
  problems?: readonly number[];
}

/** A route whose handler runs in `db.withTenant(params.tenantId)`, after the tenant check. */
export interface TenantRouteSpec<
  Params extends { tenantId: string },
  Body,
  Query,
> extends RouteSpecBase<Params, Body, Query> {
  tenancy: 'tenant';
  handle(ctx: RequestContext<Params, Body, Query> & { tx: TenantTx }): Promise<HandlerResult>;
}

/** A route with no tenant in its path (platform administration); it opens its own transactions. */
export interface PlatformRouteSpec<Params, Body, Query> extends RouteSpecBase<Params, Body, Query> {
  tenancy: 'platform';
  handle(ctx: RequestContext<Params, Body, Query> & { db: Database }): Promise<HandlerResult>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds every shape
export type AnyRouteSpec = TenantRouteSpec<any, any, any> | PlatformRouteSpec<any, any, any>;

/** Identity functions that let TypeScript infer params/body/query types from the schemas. */
export function tenantRoute<
  Params extends { tenantId: string },
  Body = undefined,
  Query = undefined,
>(spec: TenantRouteSpec<Params, Body, Query>): TenantRouteSpec<Params, Body, Query> {
  return spec;
}

export function platformRoute<Params, Body = undefined, Query = undefined>(
  spec: PlatformRouteSpec<Params, Body, Query>,
): PlatformRouteSpec<Params, Body, Query> {
  return spec;
}
