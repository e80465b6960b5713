import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import type { AnyRouteSpec } from '../http/route-spec.ts';
import { Problem, problemContentType } from '../http/problem.ts';

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }
    >
  >;
}

function templateMatches(template: string, path: string): boolean {
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return pattern.test(path);
}

/**
 * Fails unless `response` is what the OpenAPI document declares for its route and status: the
 * status is listed, the media type is listed, and the body parses with the zod schema the
 * document was generated from (strict objects: an undeclared field fails too).
 */
export function assertDeclaredResponse(
  document: OpenApiDocument,
  routes: readonly AnyRouteSpec[],
  method: string,
  url: string,
  response: LightMyRequestResponse,
): void {
  const path = url.split('?')[0]!;
  const template = Object.keys(document.paths).find(
    (candidate) =>
      templateMatches(candidate, path) && document.paths[candidate]![method.toLowerCase()],
  );
  assert.ok(template, `${method} ${path} is not in the OpenAPI document`);
  const operation = document.paths[template]![method.toLowerCase()]!;
  const declared = operation.responses[String(response.statusCode)];
  assert.ok(
    declared,
    `${operation.operationId} answered ${response.statusCode}, which the document does not declare (${Object.keys(operation.responses).join(', ')}): ${response.body}`,
  );
  const contentType = response.headers['content-type']?.toString().split(';')[0];
  if (!declared.content) {
    assert.equal(
      response.body,
      '',
      `${operation.operationId} ${response.statusCode} declares no body`,
    );
    return;
  }
  assert.ok(
    contentType && declared.content[contentType],
    `${operation.operationId} ${response.statusCode} answered ${contentType}, declared: ${Object.keys(declared.content).join(', ')}`,
  );
  let schema: z.ZodType | undefined;
  if (contentType === problemContentType) schema = Problem;
  else {
    const route = routes.find((candidate) => candidate.operationId === operation.operationId);
    schema = route?.responses[response.statusCode]?.content?.[contentType];
  }
  assert.ok(schema, `no schema for ${operation.operationId} ${response.statusCode} ${contentType}`);
  const body = contentType.includes('json')
    ? (JSON.parse(response.body) as unknown)
    : response.body;
  const parsed = schema.safeParse(body);
  assert.ok(
    parsed.success,
    `${operation.operationId} ${response.statusCode} body does not match its declared schema: ${parsed.error?.message}\n${response.body}`,
  );
}
