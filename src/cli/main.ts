import type { CliCommand, CliIo } from './command.ts';
import { UsageError } from './command.ts';
import { commands } from './commands/index.ts';

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'voxeron — real-time AI voice ordering for restaurants',
    '',
    'Usage: voxeron <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `voxeron help <command>` for a command's options.",
    '',
  ].join('\n');
}

function findCommand(name: string): CliCommand | undefined {
  return commands.find((command) => command.name === name);
}

/** Runs one CLI invocation and returns its exit code; Ctrl-C aborts `io.signal`. */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const io: CliIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  };
  try {
    return await runCommand(argv, io);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && args[0] !== undefined ? findCommand(args[0]) : undefined;
    io.stdout.write(topic ? `${topic.usage}\n` : helpText());
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr.write(`voxeron: unknown command "${name}". Run \`voxeron help\` for the list.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`voxeron ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
