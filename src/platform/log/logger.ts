import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that hold personal data. They are replaced by "[redacted]" in every log line, so a
 * phone number, name or address can be attached to a log for structure (e.g. `{ pii: { phone } }`)
 * but never reaches the log sink. Log *text* must never contain personal data.
 */
export const redactedPaths = [
  'pii',
  '*.pii',
  'phone',
  '*.phone',
  'customer',
  '*.customer',
  'callerName',
  '*.callerName',
  'address',
  '*.address',
  'to',
  'from',
];

export interface CreateLoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Bound to every line, e.g. `{ service: 'dispatcher' }`. */
  bindings?: Record<string, unknown>;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { ...options.bindings },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/** A logger that writes nothing: for tests and library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
