import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { Registry } from '../../platform/metrics/index.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { registerControlApi } from '../api/register-control-api.ts';
import { installProblemHandlers } from './error-handler.ts';

export interface HttpServerDeps {
  db: Database;
  /** Seals the secrets the control API stores (ADR 0023). */
  secrets: SecretBox;
  logger: Logger;
  metrics: Registry;
  version: string;
  /** Bounds the readiness probe's database check. @default 2000 */
  readinessTimeoutMs?: number;
  /** Serve the control API (`/v1/…`, `/openapi.json`, `/docs`). @default true */
  controlApi?: boolean;
}

/**
 * The platform's HTTP surface: liveness (`/healthz`), readiness (`/readyz`: the database
 * answers as the application role), Prometheus `/metrics`, and the control API.
 */
export function createHttpServer(deps: HttpServerDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    // Request lines would drown the log in health probes: Fastify logs warnings and errors only.
    loggerInstance: deps.logger.child(
      { component: 'http' },
      { level: 'warn' },
    ) as FastifyBaseLogger,
    // A UUID v7 per request: the problem documents' requestId and the events' correlation id.
    genReqId: () => newId(),
    requestIdHeader: false,
  });
  installProblemHandlers(app, deps.logger);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
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

  if (deps.controlApi ?? true) {
    registerControlApi(app, {
      db: deps.db,
      secrets: deps.secrets,
      logger: deps.logger,
      version: deps.version,
    });
  }
  return app;
}
