import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  usage: [
    'Usage: voxeron migrate',
    '',
    'Applies pending migrations to DATABASE_URL (or the embedded database), each in its own',
    'transaction, and creates/updates the voxeron_app role. Safe to run while others start.',
  ].join('\n'),
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unknown option ${args[0]}`);
    try {
      const config = loadConfig();
      const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
      const opened = await openDatabase(config, logger, {
        signal: io.signal,
        attachToRunning: true,
      });
      await opened.close();
      const { applied, current } = opened.migration;
      io.stdout.write(
        applied.length > 0
          ? `Applied migration(s) ${applied.join(', ')}; the schema is at version ${current}.\n`
          : `Nothing to apply; the schema is at version ${current}.\n`,
      );
      return 0;
    } catch (error) {
      return reportStartupError(error, io);
    }
  },
};
