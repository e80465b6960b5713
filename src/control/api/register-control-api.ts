import type { FastifyInstance } from 'fastify';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Database } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log/index.ts';
import { docsPageHtml } from '../http/docs-page.ts';
import { buildOpenApiDocument } from '../http/openapi.ts';
import { registerRoutes } from '../http/register-routes.ts';
import { controlRoutes } from './control-routes.ts';

export interface ControlApiDeps {
  db: Database;
  /** Seals webhook signing secrets before they are stored (ADR 0023). */
  secrets: SecretBox;
  logger: Logger;
  version: string;
}

/**
 * Adds the control API to a Fastify app: `/v1/…` (see {@link controlRoutes}), `/openapi.json`
 * and `/docs`. The app's error handlers should be the problem+json ones (createHttpServer).
 */
export function registerControlApi(app: FastifyInstance, deps: ControlApiDeps): void {
  // CSV bodies (menu import) arrive as text; the route's body limit still applies.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  registerRoutes(app, { db: deps.db, secrets: deps.secrets }, controlRoutes);
  const document = JSON.stringify(buildOpenApiDocument(controlRoutes, deps.version));
  app.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json').send(document),
  );
  app.get('/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(docsPageHtml),
  );
}
