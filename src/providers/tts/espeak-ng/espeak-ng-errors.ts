/** How espeak-ng fails, as errors that carry their retry semantics. */
import {
  ConfigError,
  Retry,
  VoxeronError,
  type VoxeronErrorOptions,
} from '../../../platform/errors.ts';

/** The binary is not installed: nothing works until someone installs the Debian package. */
export function espeakNotInstalled(binaryPath: string, cause: unknown): ConfigError {
  return new ConfigError(
    `espeak-ng was not found (tried to run '${binaryPath}'): install the Debian package ` +
      `'espeak-ng' (sudo apt-get install espeak-ng) or set the binary path`,
    { cause, details: { binaryPath } },
  );
}

/**
 * espeak-ng exited with an error. The same text and voice fail the same way again, so it is not
 * retried on this provider; the router may fail over to another.
 */
export class EspeakNgFailedError extends VoxeronError {
  readonly code = 'tts_failed';
  readonly retry = Retry.never;
  constructor(message: string, options?: VoxeronErrorOptions) {
    super(message, options);
  }
}
