import type { PrinterState } from '../../contracts/edge/index.ts';
import type { PrinterAddress } from './printer-connection.ts';
import { PrinterConnection } from './printer-connection.ts';
import {
  PrinterUnavailableError,
  PrintOutcomeUnknownError,
  isPrinterError,
} from './printer-errors.ts';
import { StatusRequest, canPrint, printerStateFromStatus } from './escpos-status.ts';
import type { StatusBytes } from './escpos-status.ts';

export interface EscPosPrinterOptions extends PrinterAddress {
  /** @default 2000 — a printer on the LAN connects in milliseconds; longer means it is gone. */
  connectTimeoutMs?: number;
  /** Wait for one status byte before any printing, in ms. @default 2000 */
  statusTimeoutMs?: number;
  /**
   * Wait for the status that follows the ticket, in ms: the printer answers it after it has
   * worked through the ticket, so this bounds a slow print. @default 15000
   */
  printTimeoutMs?: number;
}

export interface PrintOptions {
  signal?: AbortSignal;
  /** Called just before the first ticket byte is written: from here a failure is ambiguous. */
  onBytesSending?: () => void;
}

/**
 * An ESC/POS printer on raw TCP. `print` checks the real-time status first (nothing is sent to
 * a printer that is out of paper), sends the ticket, then asks for the status again: the
 * answer comes once the printer has processed the ticket, and confirms it printed.
 */
export class EscPosPrinter {
  private readonly connectTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly printTimeoutMs: number;

  constructor(private readonly options: EscPosPrinterOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 2000;
    this.printTimeoutMs = options.printTimeoutMs ?? 15_000;
  }

  /** The printer's state now; unreachable reads as `offline`, a garbage answer throws. */
  async readState(signal?: AbortSignal): Promise<PrinterState> {
    let connection: PrinterConnection;
    try {
      connection = await this.open(signal);
    } catch (error) {
      if (error instanceof PrinterUnavailableError) return error.state;
      throw error;
    }
    try {
      return await this.queryState(connection, this.statusTimeoutMs, signal);
    } finally {
      connection.close();
    }
  }

  /**
   * Prints `ticketBytes`. Throws {@link PrinterUnavailableError} when nothing was sent (not
   * ready, unreachable), {@link PrintOutcomeUnknownError} when the ticket was sent but not
   * confirmed, {@link PrinterProtocolError} on a garbage answer before sending.
   */
  async print(ticketBytes: Uint8Array, options: PrintOptions = {}): Promise<void> {
    const { signal } = options;
    const connection = await this.open(signal);
    try {
      const before = await this.queryState(connection, this.statusTimeoutMs, signal);
      if (!canPrint(before)) {
        throw new PrinterUnavailableError(
          `the printer is ${before}; the ticket was not sent`,
          before,
        );
      }
      options.onBytesSending?.();
      let after: PrinterState;
      try {
        await connection.write(ticketBytes, signal);
        after = await this.queryState(connection, this.printTimeoutMs, signal);
      } catch (error) {
        if (!isPrinterError(error)) throw error;
        throw new PrintOutcomeUnknownError(
          `the ticket was sent but not confirmed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      if (!canPrint(after)) {
        throw new PrintOutcomeUnknownError(
          `the printer went ${after} while taking the ticket; it may not have printed`,
          { details: { state: after } },
        );
      }
    } finally {
      connection.close();
    }
  }

  private open(signal?: AbortSignal): Promise<PrinterConnection> {
    return PrinterConnection.open(this.options, {
      connectTimeoutMs: this.connectTimeoutMs,
      ...(signal ? { signal } : {}),
    });
  }

  /** DLE EOT 1 and 4 always (near end shows only on 4); 2 and 3 when the printer is offline. */
  private async queryState(
    connection: PrinterConnection,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<PrinterState> {
    const status: StatusBytes = {
      printer: await connection.status(StatusRequest.printer, timeoutMs, signal),
    };
    status.paperSensor = await connection.status(
      StatusRequest.paperSensor,
      this.statusTimeoutMs,
      signal,
    );
    if (
      printerStateFromStatus(status) !== 'online' &&
      printerStateFromStatus(status) !== 'paper_near_end'
    ) {
      status.offlineCause = await connection.status(
        StatusRequest.offlineCause,
        this.statusTimeoutMs,
        signal,
      );
      status.errorCause = await connection.status(
        StatusRequest.errorCause,
        this.statusTimeoutMs,
        signal,
      );
    }
    return printerStateFromStatus(status);
  }
}
