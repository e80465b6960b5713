/**
 * Errors that carry their retry semantics. Callers (the dispatcher, the session manager)
 * decide what to do from the error's class and `retryable` flag, never from its message.
 */

/** Whether trying the same thing again could succeed. */
export const Retry = {
  /** Transient: the same call may succeed later (timeouts, 5xx, resets, 429). */
  retryable: 'retryable',
  /** Permanent: the input or the state is wrong; retrying repeats the failure. */
  never: 'never',
  /** The outcome is not known (a timeout after sending): reconcile before retrying. */
  reconcile: 'reconcile',
} as const;
export type Retry = (typeof Retry)[keyof typeof Retry];

export interface VoxeronErrorOptions {
  cause?: unknown;
  /** Delay the target asked for (e.g. a `Retry-After` header), in milliseconds. */
  retryAfterMs?: number;
  /** Structured detail for logs and API problem documents; no personal data. */
  details?: Record<string, unknown>;
}

/** Base class of every error the platform raises on purpose. */
export abstract class VoxeronError extends Error {
  abstract readonly code: string;
  abstract readonly retry: Retry;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown>;

  constructor(message: string, options: VoxeronErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details ?? {};
  }

  get retryable(): boolean {
    return this.retry === Retry.retryable;
  }
}

/** Input that fails its contract. Never retried: the same input fails again. */
export class ValidationError extends VoxeronError {
  readonly code = 'validation_failed';
  readonly retry = Retry.never;
  /** Each problem with the path of the offending field, e.g. `customer.phone`. */
  readonly issues: readonly { path: string; message: string }[];
  constructor(
    message: string,
    issues: readonly { path: string; message: string }[],
    options?: VoxeronErrorOptions,
  ) {
    super(message, options);
    this.issues = issues;
  }
}

/** A wrong or missing setting. Start-up stops and names the setting and the fix. */
export class ConfigError extends VoxeronError {
  readonly code = 'config_invalid';
  readonly retry = Retry.never;
}

/** A dependency is down or slow (database, vendor, POS). May succeed later. */
export class UnavailableError extends VoxeronError {
  readonly code = 'unavailable';
  readonly retry = Retry.retryable;
}

/** The call was sent but no answer came: its effect may or may not have happened. */
export class OutcomeUnknownError extends VoxeronError {
  readonly code = 'outcome_unknown';
  readonly retry = Retry.reconcile;
}

/** The resource does not exist for this tenant (also used where existence must not leak). */
export class NotFoundError extends VoxeronError {
  readonly code = 'not_found';
  readonly retry = Retry.never;
}

/** A write lost a race or an optimistic-concurrency check. Retrying after a re-read may work. */
export class ConflictError extends VoxeronError {
  readonly code = 'conflict';
  readonly retry = Retry.retryable;
}

/** The work was cancelled through its AbortSignal (hang-up, shutdown). Not a failure. */
export class AbortedError extends VoxeronError {
  readonly code = 'aborted';
  readonly retry = Retry.never;
}

export function isVoxeronError(error: unknown): error is VoxeronError {
  return error instanceof VoxeronError;
}

/** True when trying again could succeed; unknown errors are treated as transient. */
export function isRetryable(error: unknown): boolean {
  if (isVoxeronError(error)) return error.retry === Retry.retryable;
  return !(error instanceof TypeError || error instanceof RangeError);
}

/** Throws an {@link AbortedError} if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AbortedError('the operation was cancelled', { cause: signal.reason });
  }
}

/** A message for any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
