/**
 * `voxeron parse --menu FILE`: menu-grounded understanding of utterances read one per line on
 * stdin; writes one JSON line per utterance: `{"text", "lines", "acts"}`.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { validateMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu, understand } from '../../data/understanding/index.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: voxeron parse --menu FILE

Reads caller utterances, one per line, on stdin and writes one JSON line per utterance:
  {"text": "...", "lines": [order lines in menu ids], "acts": [dialogue acts]}

Options:
  --menu FILE   a voxeron.menu/v1 JSON file (required)`;

function menuPath(args: readonly string[]): string {
  let path: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--menu') {
      path = args[k + 1];
      if (path === undefined || path.startsWith('--')) throw new UsageError('--menu needs a file');
      k++;
    } else if (arg.startsWith('--menu=')) path = arg.slice('--menu='.length);
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (path === undefined || path === '') throw new UsageError('--menu FILE is required');
  return path;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const path = menuPath(args);
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    io.stderr.write(`voxeron parse: cannot read menu ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const validation = validateMenuV1(input);
  if (!validation.ok) {
    for (const problem of validation.problems)
      io.stderr.write(`${problem.path}: ${problem.message}\n`);
    return 1;
  }
  const lexicon = compileMenu(validation.menu);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const text of lines) {
    if (io.signal.aborted) break;
    const understanding = understand(text, lexicon);
    io.stdout.write(
      `${JSON.stringify({ text, lines: understanding.lines, acts: understanding.acts })}\n`,
    );
  }
  return 0;
}

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'Parse caller utterances (stdin, one per line) into order lines and dialogue acts',
  usage,
  run,
};
