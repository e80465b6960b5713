import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { importMenuFile } from '../../control/menus/menu-file-import.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

const usage = [
  'Usage: voxeron menu import --tenant TENANT_ID --location LOCATION_ID FILE.json|FILE.csv',
  '                           [--name N --currency EUR --locale en-US]   (CSV into an empty location)',
  '',
  "Validates the menu and replaces the location's active menu atomically. On problems it prints",
  'each with its JSON path, imports nothing and exits 1. The CSV form is described in docs/api.md.',
].join('\n');

export const menuCommand: CliCommand = {
  name: 'menu',
  summary: 'Import a menu (voxeron.menu/v1 JSON or CSV) into a location',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'import')
      throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: {
          tenant: { type: 'string' },
          location: { type: 'string' },
          name: { type: 'string' },
          currency: { type: 'string' },
          locale: { type: 'string' },
        },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const file = positionals[0];
    if (!values.tenant || !values.location || !file || positionals.length > 1) {
      throw new UsageError('--tenant, --location and one FILE are required');
    }
    if (!isUuid(values.tenant) || !isUuid(values.location))
      throw new UsageError('--tenant and --location are UUIDs');
    const extension = extname(file).toLowerCase();
    if (extension !== '.json' && extension !== '.csv')
      throw new UsageError('FILE must end in .json or .csv');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      io.stderr.write(`voxeron menu: cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    try {
      const opened = await openDatabase(loadConfig(), createLogger({ level: 'warn' }), {
        signal: io.signal,
        attachToRunning: true,
      });
      try {
        const requestId = newId();
        const result = await opened.db.withTenant(values.tenant, (tx) =>
          importMenuFile(tx, {
            locationId: values.location!,
            format: extension === '.csv' ? 'csv' : 'json',
            text,
            header: {
              ...(values.name ? { name: values.name } : {}),
              ...(values.currency ? { currency: values.currency } : {}),
              ...(values.locale ? { locale: values.locale } : {}),
            },
            actor: 'cli',
            requestId,
            correlationId: requestId,
          }),
        );
        if (!result.ok) {
          io.stderr.write(
            `The menu has ${result.problems.length} problem(s); nothing was imported:\n`,
          );
          for (const problem of result.problems)
            io.stderr.write(`  ${problem.path}: ${problem.message}\n`);
          return 1;
        }
        io.stdout.write(
          `Imported ${result.imported.items} item(s) as menu version ${result.imported.version} (${result.imported.menuId}).\n`,
        );
        return 0;
      } finally {
        await opened.close();
      }
    } catch (error) {
      return reportStartupError(error, io);
    }
  },
};
