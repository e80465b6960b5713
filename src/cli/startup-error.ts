import { isVoxeronError, errorMessage } from '../platform/errors.ts';
import type { CliIo } from './command.ts';

/**
 * Prints why start-up stopped as one line (the errors we raise on purpose already name the
 * cause and the fix) and returns the exit code. Anything else is a bug: show its stack.
 */
export function reportStartupError(error: unknown, io: CliIo): number {
  if (io.signal.aborted) return 130;
  if (isVoxeronError(error)) {
    io.stderr.write(`voxeron: ${error.message}\n`);
    return 1;
  }
  io.stderr.write(
    `voxeron: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)}\n`,
  );
  return 1;
}
