import type { PrinterState } from '../../contracts/edge/index.ts';
import type { ErrorDetail } from '../../contracts/common/error-detail.ts';
import type { PrinterTicket } from '../../contracts/tools/index.ts';
import { delay } from '../../platform/clock.ts';
import { errorMessage } from '../../platform/errors.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import type { EscPosPrinter } from './escpos-printer.ts';
import {
  PrinterCircuitOpenError,
  PrinterUnavailableError,
  PrintOutcomeUnknownError,
  isPrinterError,
} from './printer-errors.ts';
import { encodeTicket } from './ticket-layout.ts';

/** Retries after the first try (blueprint §16: printer success ≥ 99 % with ≤ 2 retries). */
export const MAX_PRINT_RETRIES = 2;

export type PrintResult =
  | { kind: 'printed'; attempts: number; reprinted: boolean }
  /** Every allowed try failed: report the job failed. */
  | { kind: 'failed'; attempts: number; error: ErrorDetail }
  /** Nothing was sent (paper out, offline, circuit open): keep the job queued and wait. */
  | {
      kind: 'not_ready';
      attempts: number;
      state: PrinterState;
      error: ErrorDetail;
      retryInMs: number;
    };

export interface PrintWithRetriesInput {
  printer: EscPosPrinter;
  breaker: CircuitBreaker;
  ticket: PrinterTicket;
  /** Tries already made for this job (kept across agent restarts). */
  attemptsSoFar: number;
  /** An earlier try may have printed: the ticket carries a reprint banner. */
  reprint: boolean;
  /** Called before each try that sends the ticket, with its number; persist it first. */
  onAttempt: (attempt: number) => void;
  /** Pause between tries, in ms. @default 250 */
  retryDelayMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
}

function detail(error: unknown, fallbackCode: string): ErrorDetail {
  const code = isPrinterError(error) ? error.code : fallbackCode;
  return { code, message: errorMessage(error).slice(0, 1000) || fallbackCode };
}

/**
 * Prints one job with at most `maxRetries` retries. A try counts once ticket bytes were sent
 * or the printer answered garbage; a printer that is not ready costs no try — the job waits,
 * so a paper roll change does not turn into failed tickets.
 */
export async function printWithRetries(input: PrintWithRetriesInput): Promise<PrintResult> {
  const maxRetries = input.maxRetries ?? MAX_PRINT_RETRIES;
  const retryDelayMs = input.retryDelayMs ?? 250;
  let attempts = input.attemptsSoFar;
  let reprint = input.reprint;
  let lastError: unknown;
  while (attempts <= maxRetries) {
    if (!input.breaker.allows()) {
      const error = new PrinterCircuitOpenError(
        'the printer circuit is open after repeated failures',
      );
      return {
        kind: 'not_ready',
        attempts,
        state: 'error',
        error: detail(error, error.code),
        retryInMs: input.breaker.waitMs(),
      };
    }
    let sent = false;
    try {
      await input.printer.print(encodeTicket(input.ticket, { reprint }), {
        ...(input.signal ? { signal: input.signal } : {}),
        onBytesSending: () => {
          sent = true;
          attempts += 1;
          input.onAttempt(attempts);
        },
      });
      input.breaker.recordSuccess();
      return { kind: 'printed', attempts, reprinted: reprint };
    } catch (error) {
      if (!isPrinterError(error)) throw error;
      input.breaker.recordFailure();
      lastError = error;
      if (error instanceof PrinterUnavailableError && !sent) {
        return {
          kind: 'not_ready',
          attempts,
          state: error.state,
          error: detail(error, 'printer_unavailable'),
          retryInMs: Math.max(retryDelayMs, input.breaker.waitMs()),
        };
      }
      if (!sent) {
        // A garbage answer before sending costs a try: the device may never make sense.
        attempts += 1;
        input.onAttempt(attempts);
      }
      if (error instanceof PrintOutcomeUnknownError) reprint = true;
      if (attempts <= maxRetries) await delay(retryDelayMs, input.signal);
    }
  }
  return { kind: 'failed', attempts, error: detail(lastError, 'printer_failed') };
}
