import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../platform/log/index.ts';
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  ValidationError,
} from '../../platform/errors.ts';
import { HttpProblem, problemContentType, renderProblem, type ProblemKind } from './problem.ts';

const kindByStatus: Record<number, ProblemKind> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
};

/** Maps anything thrown on the way to a response onto a problem, never leaking internals. */
export function toHttpProblem(error: unknown, logger: Logger): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ValidationError) {
    return new HttpProblem(422, 'validation-failed', error.message, error.issues);
  }
  if (error instanceof NotFoundError) return new HttpProblem(404, 'not-found', error.message);
  if (error instanceof ConflictError) return new HttpProblem(409, 'conflict', error.message);
  if (error instanceof UnavailableError) {
    return new HttpProblem(503, 'unavailable', 'the database is unavailable; retry shortly', [], {
      'retry-after': '5',
    });
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own rejections: malformed JSON, body too large, unsupported media type.
    return new HttpProblem(
      status,
      kindByStatus[status] ?? 'bad-request',
      fastifyError.message ?? 'bad request',
    );
  }
  logger.error({ err: error }, 'unhandled error in the control API');
  return new HttpProblem(
    500,
    'internal',
    'an internal error occurred; the request id is in the log',
  );
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: HttpProblem,
): FastifyReply {
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type(problemContentType)
    .send(JSON.stringify(renderProblem(problem, request.url.split('?')[0]!, String(request.id))));
}

/** Every 4xx/5xx of the server — Fastify's own 404s and 400s included — as problem+json. */
export function installProblemHandlers(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, request, reply) =>
    sendProblem(reply, request, toHttpProblem(error, logger)),
  );
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      new HttpProblem(404, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
