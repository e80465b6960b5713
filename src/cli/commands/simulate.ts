/**
 * `voxeron simulate --scenarios FILE [--menus DIR] [--json OUT]`: plays goal-driven callers
 * against the agent (memory store, simulator channel), prints a table and the overall figures.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  loadScenarios,
  runScenarios,
  summarise,
  formatResults,
} from '../../data/simulator/index.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';

const defaultMenusDir = fileURLToPath(new URL('../../../../shared/eval/menus', import.meta.url));

const usage = `Usage: voxeron simulate --scenarios FILE [--menus DIR] [--json OUT]

Runs every scenario (JSONL, see ../shared/eval/README.md) as a simulated call and prints one row
per scenario plus completion rate, escalation rate, order accuracy and turn latency.

Options:
  --scenarios FILE   scenarios, one JSON object per line (required)
  --menus DIR        where <menu>.json files are (default: ../shared/eval/menus)
  --json OUT         also write the results and summary as JSON to OUT`;

async function run(args: string[], io: CliIo): Promise<number> {
  let scenariosFile: string | undefined;
  let menusDir = defaultMenusDir;
  let jsonOut: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    const value = () => {
      const next = args[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      k++;
      return next;
    };
    if (arg === '--scenarios') scenariosFile = value();
    else if (arg === '--menus') menusDir = value();
    else if (arg === '--json') jsonOut = value();
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (!scenariosFile) throw new UsageError('--scenarios FILE is required');
  let results;
  try {
    results = await runScenarios(loadScenarios(scenariosFile), menusDir);
  } catch (error) {
    io.stderr.write(`voxeron simulate: ${(error as Error).message}\n`);
    return 1;
  }
  const summary = summarise(results);
  io.stdout.write(`${formatResults(results, summary)}\n`);
  if (jsonOut) {
    await writeFile(jsonOut, `${JSON.stringify({ summary, results }, null, 2)}\n`);
    io.stdout.write(`wrote ${jsonOut}\n`);
  }
  return 0;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Run goal-driven simulated callers against the agent and score them',
  usage,
  run,
};
