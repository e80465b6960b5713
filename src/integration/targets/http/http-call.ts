import {
  OutcomeUnknownError,
  UnavailableError,
  errorMessage,
  throwIfAborted,
} from '../../../platform/errors.ts';
import { TargetRejectedError } from '../target-errors.ts';
import { parseRetryAfterMs } from './retry-after.ts';

export interface HttpCallOptions {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Names the target in errors: `square`, `twilio`. */
  target: string;
  /**
   * Whether the request changes something at the target. A read that fails is simply
   * retryable; a write that fails after it may have reached the target has an unknown outcome.
   */
  effectful: boolean;
  /**
   * Whether a 2xx body must be JSON. @default true. Webhook receivers may answer anything:
   * their status alone is the verdict.
   */
  expectJson?: boolean;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Errors of the socket layer that prove the request never left (nothing to reconcile). */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * One HTTP exchange with a target, with every failure turned into an error that carries its
 * retry semantics: 2xx → parsed JSON; 429/503 → retryable with `Retry-After`; 500/502/504/408,
 * a reset, a hang (abort) or an unreadable 2xx body on a write → outcome unknown (reconcile);
 * other 4xx → rejected for good.
 */
export async function httpCall(options: HttpCallOptions): Promise<HttpAnswer> {
  throwIfAborted(options.signal);
  const { target, effectful } = options;
  const unknownOrRetryable = (message: string, cause: unknown, retryAfterMs?: number) =>
    effectful
      ? new OutcomeUnknownError(message, { cause, retryAfterMs, details: { target } })
      : new UnavailableError(message, { cause, retryAfterMs, details: { target } });
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      signal: options.signal,
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== undefined && notSentCodes.has(code)) {
      throw new UnavailableError(`${target} is unreachable (${code})`, {
        cause: error,
        details: { target },
      });
    }
    throw unknownOrRetryable(`${target} call failed: ${errorMessage(error)}`, error);
  }
  const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw unknownOrRetryable(`${target} answer was cut off: ${errorMessage(error)}`, error);
  }
  const { status } = response;
  if (status === 429 || status === 503) {
    // Rate limited or unavailable: the request was not processed.
    throw new UnavailableError(`${target} answered ${status}`, {
      retryAfterMs,
      details: { target, status },
    });
  }
  if (status >= 500 || status === 408) {
    throw unknownOrRetryable(`${target} answered ${status}`, undefined, retryAfterMs);
  }
  if (status >= 400) {
    throw new TargetRejectedError(`http_${status}`, `${target} refused the request (${status})`, {
      details: { target, status },
    });
  }
  if (options.expectJson === false) return { status, body: text === '' ? undefined : text };
  try {
    return { status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch (error) {
    throw unknownOrRetryable(`${target} answered ${status} with a body that is not JSON`, error);
  }
}
