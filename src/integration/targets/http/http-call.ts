import {
  OutcomeUnknownError,
  UnavailableError,
  errorMessage,
  isVoxeronError,
  throwIfAborted,
} from '../../../platform/errors.ts';
import { TargetRejectedError } from '../target-errors.ts';
import {
  fetchTransport,
  type HttpTransport,
  type RedirectPolicy,
  type TransportResponse,
} from './http-transport.ts';
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
  /**
   * Whether `fetch` follows a 3xx. Each caller says so: a followed POST either loses its body
   * (301/302/303 become a GET) or is replayed, credentials included, to a host nobody
   * configured. Whatever the policy, a 3xx that reaches the caller is never success.
   */
  redirect: RedirectPolicy;
  /**
   * How the request is sent. @default Node's `fetch` with `redirect`. The webhook target
   * passes `guardedTransport`, which refuses non-public addresses and never follows (so it
   * goes with `redirect: 'refuse'`).
   */
  transport?: HttpTransport;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Errors of the socket layer that prove the request never left (nothing to reconcile). */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** A redirect target quoted in an error is cut to this many characters. */
const maxQuotedLocationLength = 500;

/** The socket error's code: on the error itself (`node:http`) or its cause (`fetch`). */
function socketErrorCode(error: unknown): string | undefined {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof code === 'string' ? code : cause?.code;
  return typeof found === 'string' ? found : undefined;
}

/**
 * One HTTP exchange with a target, with every failure turned into an error that carries its
 * retry semantics: 2xx → parsed JSON; 429/503 → retryable with `Retry-After`; 500/502/504/408,
 * a reset, a hang (abort) or an unreadable 2xx body on a write → outcome unknown (reconcile);
 * other 4xx and any 3xx (`http_redirect`, naming the `Location`) → rejected for good; a
 * `VoxeronError` from the transport (a refused address) → as it is.
 */
export async function httpCall(options: HttpCallOptions): Promise<HttpAnswer> {
  throwIfAborted(options.signal);
  const { target, effectful } = options;
  const unknownOrRetryable = (message: string, cause: unknown, retryAfterMs?: number) =>
    effectful
      ? new OutcomeUnknownError(message, { cause, retryAfterMs, details: { target } })
      : new UnavailableError(message, { cause, retryAfterMs, details: { target } });
  const transport = options.transport ?? fetchTransport(options.redirect);
  let response: TransportResponse;
  try {
    response = await transport({
      method: options.method,
      url: new URL(options.url),
      headers: options.headers ?? {},
      body: options.body,
      signal: options.signal,
    });
  } catch (error) {
    if (isVoxeronError(error)) throw error;
    const code = socketErrorCode(error);
    if (code !== undefined && notSentCodes.has(code)) {
      throw new UnavailableError(`${target} is unreachable (${code})`, {
        cause: error,
        details: { target },
      });
    }
    throw unknownOrRetryable(`${target} call failed: ${errorMessage(error)}`, error);
  }
  const retryAfterMs = parseRetryAfterMs(response.header('retry-after'));
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
  if (status >= 300 && status < 400) {
    // Not followed: a receiver that moved is a configuration problem, not a transient one.
    const location = response.header('location')?.slice(0, maxQuotedLocationLength);
    throw new TargetRejectedError(
      'http_redirect',
      `${target} answered ${status} redirecting to ${location ?? '(no Location)'}: redirects are not followed; configure the final URL`,
      { details: { target, status, location } },
    );
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
