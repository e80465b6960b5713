import { edgeAgentSettings, loadConfig, settings } from '../../platform/config/index.ts';
import type { CliCommand } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

const secretKeys = new Set(['databaseUrl', 'databaseAppUrl', 'databaseAppPassword', 'secretsKeys']);

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'List every setting with its environment variable, and check the current values',
  usage:
    'Usage: voxeron config\n\nPrints each setting, its variable, its current value (secrets hidden) and what it does.',
  async run(_args, io) {
    let config;
    try {
      config = loadConfig();
    } catch (error) {
      return reportStartupError(error, io);
    }
    for (const [key, spec] of Object.entries(settings)) {
      const value = config[key as keyof typeof config];
      const shown =
        value === undefined
          ? '(unset)'
          : secretKeys.has(key)
            ? '(set, hidden)'
            : JSON.stringify(value);
      io.stdout.write(`${spec.env.padEnd(30)} ${shown}\n    ${spec.description}\n`);
    }
    io.stdout.write('\nRead by `voxeron edge run` only (the on-site agent):\n');
    for (const spec of Object.values(edgeAgentSettings)) {
      const value = process.env[spec.env];
      io.stdout.write(
        `${spec.env.padEnd(30)} ${value ? value : '(unset)'}\n    ${spec.description}\n`,
      );
    }
    io.stdout.write(
      '\nA JSON file (voxeron.config.json, or VOXERON_CONFIG) may set the same keys in camelCase.\n',
    );
    return 0;
  },
};
