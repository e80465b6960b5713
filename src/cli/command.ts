/** The shape of one `voxeron <command>`: parse its own arguments, return the exit code. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl-C / SIGTERM; long-running commands stop cleanly when it fires. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for `voxeron help`. */
  summary: string;
  /** Usage text shown by `voxeron help <command>` and on a usage error. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
