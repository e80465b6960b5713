import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Database } from '../../platform/db/index.ts';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { HttpProblem, notFound, zodProblems } from './problem.ts';
import type { AnyRouteSpec, RequestContext } from './route-spec.ts';

/** Default request body limit: 256 KiB; the menu import raises its own. */
export const defaultBodyLimitBytes = 256 * 1024;

/** `/v1/tenants/{tenantId}` → `/v1/tenants/:tenantId` */
export function toFastifyPath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function mediaType(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/**
 * Registers each declared route. Order of checks, the same on every route: token (401), role
 * and scope (403), tenant — another tenant's path answers 404, never 403, so existence does not
 * leak — all before the body is read; then media type (415), body (400/413/422), handler.
 */
export function registerRoutes(
  app: FastifyInstance,
  { db, secrets }: { db: Database; secrets: SecretBox },
  routes: readonly AnyRouteSpec[],
): void {
  const principals = new WeakMap<FastifyRequest, Principal>();
  for (const route of routes) {
    app.route({
      method: route.method,
      url: toFastifyPath(route.path),
      bodyLimit: route.bodyLimitBytes ?? defaultBodyLimitBytes,
      onRequest: async (request) => {
        const principal = await authenticate(db, request.headers.authorization);
        if (!route.roles.includes(principal.role)) {
          throw new HttpProblem(
            403,
            'role-forbidden',
            `role ${principal.role} may not ${route.operationId}; allowed: ${route.roles.join(', ')}`,
          );
        }
        if (principal.scopes.length > 0 && !principal.scopes.includes(route.scope)) {
          throw new HttpProblem(
            403,
            'scope-missing',
            `the token's scopes (${principal.scopes.join(', ')}) do not include ${route.scope}`,
          );
        }
        const tenantId = (request.params as { tenantId?: string }).tenantId;
        if (
          route.tenancy === 'tenant' &&
          principal.tenantId !== null &&
          principal.tenantId !== tenantId
        ) {
          throw notFound('tenant');
        }
        principals.set(request, principal);
      },
      handler: async (request, reply) => {
        const principal = principals.get(request)!;
        const params = route.params.safeParse(request.params);
        if (!params.success) throw notFound('resource');
        const contentType = mediaType(request.headers['content-type']);
        let body: unknown = undefined;
        if (route.body) {
          const schema = contentType === undefined ? undefined : route.body[contentType];
          if (!schema) {
            throw new HttpProblem(
              415,
              'unsupported-media-type',
              `send the body as ${Object.keys(route.body).join(' or ')}`,
            );
          }
          const parsed = schema.safeParse(request.body);
          if (!parsed.success) {
            throw new HttpProblem(
              422,
              'validation-failed',
              'the request body is invalid; nothing was changed',
              zodProblems(parsed.error),
            );
          }
          body = parsed.data;
        }
        let query: unknown = undefined;
        if (route.query) {
          const parsed = route.query.safeParse(request.query);
          if (!parsed.success) {
            throw new HttpProblem(
              422,
              'validation-failed',
              'the query string is invalid',
              zodProblems(parsed.error, 'query'),
            );
          }
          query = parsed.data;
        }
        const context: RequestContext<unknown, unknown, unknown> = {
          params: params.data,
          body,
          query,
          principal,
          requestId: String(request.id),
          ifMatch: request.headers['if-match'],
          contentType,
          accept: request.headers.accept,
          secrets,
        };
        const result =
          route.tenancy === 'tenant'
            ? await db.withTenant((params.data as { tenantId: string }).tenantId, (tx) =>
                route.handle({ ...context, params: params.data as { tenantId: string }, tx }),
              )
            : await route.handle({ ...context, db });
        const declared = route.responses[result.status];
        const responseType = result.contentType ?? Object.keys(declared?.content ?? {})[0];
        reply.code(result.status);
        if (result.etag) reply.header('etag', result.etag);
        if (result.headers) reply.headers(result.headers);
        if (result.body === undefined) return reply.send();
        if (responseType) reply.type(responseType);
        return reply.send(
          typeof result.body === 'string' ? result.body : JSON.stringify(result.body),
        );
      },
    });
  }
}
