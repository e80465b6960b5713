import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Faults a fake target server plays on a write, in the order things go wrong in production:
 * before or after the effect is committed. `*_after_commit` faults are the dangerous ones —
 * the effect happened but the caller cannot tell.
 */
export const HttpFault = {
  none: 'none',
  /** 500 after the effect was committed. */
  errorAfterCommit: 'error_after_commit',
  /** 503, nothing committed. */
  unavailable: 'unavailable',
  /** Never answers; the effect was committed. */
  hangAfterCommit: 'hang_after_commit',
  /** Never answers; nothing committed. */
  hang: 'hang',
  /** Connection reset after the effect was committed. */
  resetAfterCommit: 'reset_after_commit',
  /** Connection reset before anything happened. */
  reset: 'reset',
  /** 429 with Retry-After (seconds), nothing committed. */
  rateLimited: 'rate_limited',
  /** 410 Gone: the integration is gone for good. */
  gone: 'gone',
  /** 200 with a body that is not JSON, after committing. */
  garbageAfterCommit: 'garbage_after_commit',
} as const;
export type HttpFault = (typeof HttpFault)[keyof typeof HttpFault];

/** Whether the fault leaves the effect committed. */
export function commitsEffect(fault: HttpFault): boolean {
  return (
    fault === 'none' ||
    fault === 'error_after_commit' ||
    fault === 'hang_after_commit' ||
    fault === 'reset_after_commit' ||
    fault === 'garbage_after_commit'
  );
}

/** Chooses the fault for the n-th write (from 0) with this idempotency key. */
export type FaultScript = (request: { n: number; idempotencyKey: string }) => HttpFault;

/** A script that picks faults at random with the given weights (the rest: none). */
export function randomFaults(
  weights: Partial<Record<HttpFault, number>>,
  random: () => number = Math.random,
): FaultScript {
  const entries = Object.entries(weights) as [HttpFault, number][];
  return () => {
    let roll = random();
    for (const [fault, weight] of entries) {
      if (roll < weight) return fault;
      roll -= weight;
    }
    return 'none';
  };
}

/** Plays a fault that ends the exchange without the normal answer; false for `none`. */
export function playFault(
  fault: HttpFault,
  request: IncomingMessage,
  response: ServerResponse,
  retryAfterSeconds: number,
): boolean {
  switch (fault) {
    case 'none':
      return false;
    case 'error_after_commit':
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"errors":[{"category":"API_ERROR","code":"INTERNAL_SERVER_ERROR"}]}');
      return true;
    case 'unavailable':
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      response.end('{"errors":[{"category":"API_ERROR","code":"SERVICE_UNAVAILABLE"}]}');
      return true;
    case 'hang':
    case 'hang_after_commit':
      // Keep the socket open and silent; the client's timeout must fire.
      return true;
    case 'reset':
    case 'reset_after_commit':
      request.socket.resetAndDestroy();
      return true;
    case 'rate_limited':
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(retryAfterSeconds),
      });
      response.end('{"errors":[{"category":"RATE_LIMIT_ERROR","code":"RATE_LIMITED"}]}');
      return true;
    case 'gone':
      response.writeHead(410, { 'content-type': 'application/json' });
      response.end('{"errors":[{"category":"INVALID_REQUEST_ERROR","code":"GONE"}]}');
      return true;
    case 'garbage_after_commit':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>upstream proxy error</html>');
      return true;
  }
}
