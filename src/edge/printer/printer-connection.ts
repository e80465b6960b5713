import net from 'node:net';
import { AbortedError, throwIfAborted } from '../../platform/errors.ts';
import { PrinterProtocolError, PrinterUnavailableError } from './printer-errors.ts';
import type { StatusRequest } from './escpos-status.ts';
import { isStatusByte, statusRequestBytes } from './escpos-status.ts';

export interface PrinterAddress {
  host: string;
  /** Raw TCP ("JetDirect") port; 9100 on nearly every network receipt printer. */
  port: number;
}

/**
 * One raw TCP connection to an ESC/POS printer. The printer sends bytes only when asked
 * (`DLE EOT n`, automatic status back off), so every byte that arrives answers the oldest
 * pending status request; an unasked byte or a malformed one is a protocol error.
 */
export class PrinterConnection {
  private readonly received: number[] = [];
  private waiter: (() => void) | undefined;
  private closedError: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) this.received.push(byte);
      this.waiter?.();
    });
    const onEnd = (error?: Error) => {
      this.closedError ??= error ?? new Error('the printer closed the connection');
      this.waiter?.();
    };
    socket.on('error', onEnd);
    socket.on('close', () => onEnd());
  }

  /** Opens a connection; unreachable within `connectTimeoutMs` → {@link PrinterUnavailableError}. */
  static async open(
    address: PrinterAddress,
    options: { connectTimeoutMs: number; signal?: AbortSignal },
  ): Promise<PrinterConnection> {
    throwIfAborted(options.signal);
    const socket = net.connect({ host: address.host, port: address.port });
    socket.setNoDelay(true);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no connection within ${options.connectTimeoutMs} ms`)),
          options.connectTimeoutMs,
        );
        const onAbort = () => reject(new AbortedError('printing was cancelled'));
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const done = () => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
        };
        socket.once('connect', () => {
          done();
          resolve();
        });
        socket.once('error', (error) => {
          done();
          reject(error);
        });
      });
    } catch (error) {
      socket.destroy();
      if (error instanceof AbortedError) throw error;
      throw new PrinterUnavailableError(
        `printer ${address.host}:${address.port} is unreachable: ${(error as Error).message}`,
        'offline',
        { cause: error, code: 'printer_unreachable' },
      );
    }
    return new PrinterConnection(socket);
  }

  /** Writes bytes and resolves once the kernel has taken them. */
  async write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (this.closedError) throw this.connectionLost();
    await new Promise<void>((resolve, reject) => {
      this.socket.write(bytes, (error) => (error ? reject(this.connectionLost(error)) : resolve()));
    });
  }

  /** Asks for one real-time status byte and waits up to `timeoutMs` for it. */
  async status(request: StatusRequest, timeoutMs: number, signal?: AbortSignal): Promise<number> {
    if (this.received.length > 0) {
      throw new PrinterProtocolError(
        `printer sent ${this.received.length} byte(s) nobody asked for`,
      );
    }
    await this.write(statusRequestBytes(request), signal);
    const byte = await this.nextByte(timeoutMs, signal);
    if (!isStatusByte(byte)) {
      throw new PrinterProtocolError(
        `printer answered 0x${byte.toString(16).padStart(2, '0')} to DLE EOT ${request}, not a status byte`,
      );
    }
    return byte;
  }

  close(): void {
    this.socket.destroy();
  }

  private connectionLost(cause?: Error): PrinterUnavailableError {
    return new PrinterUnavailableError(
      `the printer connection was lost: ${(cause ?? this.closedError)?.message ?? 'closed'}`,
      'offline',
      { cause: cause ?? this.closedError, code: 'printer_connection_lost' },
    );
  }

  private async nextByte(timeoutMs: number, signal?: AbortSignal): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byte = this.received.shift();
      if (byte !== undefined) return byte;
      if (this.closedError) throw this.connectionLost();
      throwIfAborted(signal);
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) {
        throw new PrinterUnavailableError(
          `the printer did not answer a status request within ${timeoutMs} ms`,
          'offline',
          { code: 'printer_timeout' },
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, remainingMs);
        const onAbort = () => finish();
        signal?.addEventListener('abort', onAbort, { once: true });
        function finish() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
        this.waiter = finish;
      });
      this.waiter = undefined;
    }
  }
}
