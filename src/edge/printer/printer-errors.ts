import type { PrinterState } from '../../contracts/edge/index.ts';
import type { VoxeronErrorOptions } from '../../platform/errors.ts';
import { Retry, VoxeronError } from '../../platform/errors.ts';

/**
 * The printer cannot print now (unreachable, paper out, offline, cover open) and nothing was
 * printed: trying again later may succeed. `state` is what its status said, when it answered.
 */
export class PrinterUnavailableError extends VoxeronError {
  readonly code: string;
  readonly retry = Retry.retryable;
  readonly state: PrinterState;
  constructor(
    message: string,
    state: PrinterState,
    options: VoxeronErrorOptions & { code?: string } = {},
  ) {
    super(message, options);
    this.state = state;
    this.code = options.code ?? `printer_${state}`;
  }
}

/** The printer answered something that is not ESC/POS status: a confused or foreign device. */
export class PrinterProtocolError extends VoxeronError {
  readonly code = 'printer_garbage_answer';
  readonly retry = Retry.retryable;
}

/**
 * The ticket bytes left for the printer but no confirming status came back: it may have
 * printed. Retrying risks a duplicate ticket, so the caller decides (see ADR 0009).
 */
export class PrintOutcomeUnknownError extends VoxeronError {
  readonly code = 'printer_outcome_unknown';
  readonly retry = Retry.reconcile;
}

/** The per-printer circuit breaker is open: the job was not sent. */
export class PrinterCircuitOpenError extends VoxeronError {
  readonly code = 'printer_circuit_open';
  readonly retry = Retry.retryable;
}

/** True for the errors a printer raises (as opposed to cancellation or a bug). */
export function isPrinterError(
  error: unknown,
): error is PrinterUnavailableError | PrinterProtocolError | PrintOutcomeUnknownError {
  return (
    error instanceof PrinterUnavailableError ||
    error instanceof PrinterProtocolError ||
    error instanceof PrintOutcomeUnknownError
  );
}
