import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { controlRoutes } from '../api/control-routes.ts';
import { buildOpenApiDocument, problemStatuses } from './openapi.ts';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument(controlRoutes, 'test');

  it('is valid OpenAPI 3.1 by an independent validator', async () => {
    const result = await new Validator().validate(
      JSON.parse(JSON.stringify(document)) as Parameters<Validator['validate']>[0],
    );
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(document.openapi, '3.1.0');
  });

  it('has every route once, with its roles, and problem+json for every error status', () => {
    const operations = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item as object),
    ) as {
      operationId: string;
      'x-roles': string[];
      responses: Record<string, { content?: Record<string, unknown> }>;
    }[];
    assert.deepEqual(
      operations.map((op) => op.operationId).sort(),
      controlRoutes.map((r) => r.operationId).sort(),
    );
    for (const route of controlRoutes) {
      const op = operations.find((candidate) => candidate.operationId === route.operationId)!;
      assert.deepEqual(op['x-roles'], [...route.roles]);
      for (const status of problemStatuses(route)) {
        assert.ok(
          op.responses[String(status)]?.content?.['application/problem+json'],
          `${route.operationId} ${status}`,
        );
      }
    }
  });
});
