import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { Problem, problemContentType } from './problem.ts';
import type { AnyRouteSpec } from './route-spec.ts';

const statusText: Record<number, string> = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Token missing, malformed, unknown, expired or revoked',
  403: 'Role or token scope does not allow this operation',
  404: "Not found (also another tenant's resource)",
  409: 'Conflict with the current state',
  412: 'If-Match does not match the current ETag',
  413: 'Body or item count over the limit',
  415: 'Unsupported request media type',
  422: 'Invalid body or query: every problem with its path',
  428: 'If-Match is required',
  500: 'Internal error',
  503: 'Database unavailable',
};

/** The problem statuses a route may answer: the shared ones plus those its shape implies. */
export function problemStatuses(route: AnyRouteSpec): number[] {
  const statuses = new Set([401, 403, 404, 500, 503, ...(route.problems ?? [])]);
  if (route.body) [400, 413, 415, 422].forEach((status) => statuses.add(status));
  if (route.query) statuses.add(422);
  if (route.ifMatch) [412, 428].forEach((status) => statuses.add(status));
  return [...statuses].sort();
}

const etagHeader = z
  .string()
  .meta({ description: 'Send it back as If-Match to change the resource' });

function operationOf(route: AnyRouteSpec): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: response.description,
      ...(response.etag ? { headers: z.object({ ETag: etagHeader }) } : {}),
      ...(response.content
        ? {
            content: Object.fromEntries(
              Object.entries(response.content).map(([type, schema]) => [type, { schema }]),
            ),
          }
        : {}),
    };
  }
  for (const status of problemStatuses(route)) {
    responses[String(status) as `4${string}`] = {
      description: statusText[status] ?? 'Problem',
      content: { [problemContentType]: { schema: Problem } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: [{ bearerToken: [] }],
    'x-roles': [...route.roles],
    'x-scope': route.scope,
    requestParams: {
      path: route.params as z.ZodObject,
      ...(route.query ? { query: route.query as z.ZodObject } : {}),
      ...(route.ifMatch
        ? {
            header: z.object({
              'if-match': z.string().optional().meta({ description: 'The ETag last read' }),
            }),
          }
        : {}),
    },
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              Object.entries(route.body).map(([type, schema]) => [type, { schema }]),
            ),
          },
        }
      : {}),
    responses,
  };
}

/** OpenAPI 3.1 for the control API, generated from the route declarations' zod schemas. */
export function buildOpenApiDocument(routes: readonly AnyRouteSpec[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as 'get'] = operationOf(route);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Voxeron control API',
      version,
      description:
        'Tenants, locations, call routes, menus, kitchen status and API tokens. Errors are application/problem+json (RFC 9457).',
    },
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token `vx_<prefix>_<secret>`',
        },
      },
    },
    paths,
  });
}
