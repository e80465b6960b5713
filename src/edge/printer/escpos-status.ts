import type { PrinterState } from '../../contracts/edge/index.ts';

/**
 * ESC/POS real-time status (Epson `DLE EOT n`): the printer answers one byte at once, even
 * while its print buffer is full. Every answer has bits 1 and 4 set and bits 0 and 7 clear;
 * a byte that does not is not a status answer (a confused or foreign device).
 */
export const DLE = 0x10;
export const EOT = 0x04;

/** `n` of `DLE EOT n`: which status byte to ask for. */
export const StatusRequest = {
  printer: 1,
  offlineCause: 2,
  errorCause: 3,
  paperSensor: 4,
} as const;
export type StatusRequest = (typeof StatusRequest)[keyof typeof StatusRequest];

/** The fixed bits of every status byte (0b0001_0010). */
export const STATUS_FIXED_BITS = 0x12;
const STATUS_FIXED_MASK = 0x93;

/** n=1: the printer is offline (paper out, cover open, error). */
export const PRINTER_OFFLINE_BIT = 0x08;
/** n=2 (offline cause) bits. */
export const OFFLINE_COVER_OPEN_BIT = 0x04;
export const OFFLINE_PAPER_END_STOP_BIT = 0x20;
export const OFFLINE_ERROR_BIT = 0x40;
/** n=3 (error cause) bits: autocutter, unrecoverable, auto-recoverable. */
export const ERROR_AUTOCUTTER_BIT = 0x08;
export const ERROR_UNRECOVERABLE_BIT = 0x20;
export const ERROR_AUTO_RECOVERABLE_BIT = 0x40;
/** n=4 (roll paper sensor) bits: near end (bits 2-3), end (bits 5-6). */
export const PAPER_NEAR_END_BITS = 0x0c;
export const PAPER_END_BITS = 0x60;

export function statusRequestBytes(request: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, request);
}

/** True when `byte` has the fixed bits of a real-time status answer. */
export function isStatusByte(byte: number): boolean {
  return (byte & STATUS_FIXED_MASK) === STATUS_FIXED_BITS;
}

/** The answers to `DLE EOT 1..4` as one reading; `offline`/`error`/paper bytes may be absent. */
export interface StatusBytes {
  printer: number;
  offlineCause?: number;
  errorCause?: number;
  paperSensor?: number;
}

/** Maps status bytes to the protocol's {@link PrinterState}, most urgent cause first. */
export function printerStateFromStatus(status: StatusBytes): PrinterState {
  const { printer, offlineCause = STATUS_FIXED_BITS, paperSensor = STATUS_FIXED_BITS } = status;
  const errorCause = status.errorCause ?? STATUS_FIXED_BITS;
  if ((paperSensor & PAPER_END_BITS) !== 0 || (offlineCause & OFFLINE_PAPER_END_STOP_BIT) !== 0) {
    return 'paper_out';
  }
  if ((offlineCause & OFFLINE_COVER_OPEN_BIT) !== 0) return 'cover_open';
  if (
    (offlineCause & OFFLINE_ERROR_BIT) !== 0 ||
    (errorCause & (ERROR_AUTOCUTTER_BIT | ERROR_UNRECOVERABLE_BIT | ERROR_AUTO_RECOVERABLE_BIT)) !==
      0
  ) {
    return 'error';
  }
  if ((printer & PRINTER_OFFLINE_BIT) !== 0) return 'offline';
  if ((paperSensor & PAPER_NEAR_END_BITS) !== 0) return 'paper_near_end';
  return 'online';
}

/** Whether a printer in `state` takes a ticket (near end still prints). */
export function canPrint(state: PrinterState): boolean {
  return state === 'online' || state === 'paper_near_end';
}
