import { Retry, VoxeronError, type VoxeronErrorOptions } from '../../platform/errors.ts';

/**
 * The target refused the action for good (HTTP 4xx such as 400, 404, 410, 422): the same
 * request fails again, so the action goes to the dead letter for an operator.
 */
export class TargetRejectedError extends VoxeronError {
  readonly retry = Retry.never;
  readonly code: string;
  constructor(code: string, message: string, options?: VoxeronErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export function isTargetRejected(error: unknown): error is TargetRejectedError {
  return error instanceof TargetRejectedError;
}
