import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { Registry } from '../../platform/metrics/index.ts';

export interface HttpServerDeps {
  db: Database;
  logger: Logger;
  metrics: Registry;
  version: string;
  /** Bounds the readiness probe's database check. @default 2000 */
  readinessTimeoutMs?: number;
}

/**
 * The platform's HTTP surface. For now: liveness (`/healthz`: the process answers), readiness
 * (`/readyz`: the database answers as the application role) and Prometheus `/metrics`.
 */
export function createHttpServer(deps: HttpServerDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    // Request lines would drown the log in health probes: Fastify logs warnings and errors only.
    loggerInstance: deps.logger.child(
      { component: 'http' },
      { level: 'warn' },
    ) as FastifyBaseLogger,
  });

  app.get('/healthz', async () => ({ status: 'ok', version: deps.version }));

  app.get('/readyz', async (_request, reply) => {
    const signal = AbortSignal.timeout(deps.readinessTimeoutMs ?? 2000);
    try {
      await deps.db.withoutTenant((tx) => tx.query('select 1'), { signal });
      return { status: 'ready', checks: { database: 'ok' } };
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'not_ready', checks: { database: 'unavailable' } });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.contentType);
    return deps.metrics.metrics();
  });

  return app;
}
