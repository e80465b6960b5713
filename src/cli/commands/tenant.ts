import { parseArgs } from 'node:util';
import { writeAudit } from '../../control/audit/write-audit.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

const usage = [
  'Usage: voxeron tenant create --name NAME --slug SLUG [--tier standard] [--locales en-US,nl-NL]',
  '',
  'Creates a tenant and prints its id. The slug is unique platform-wide (a-z, 0-9, "-").',
].join('\n');

export const tenantCommand: CliCommand = {
  name: 'tenant',
  summary: 'Create a tenant',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'create')
      throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          slug: { type: 'string' },
          tier: { type: 'string', default: 'standard' },
          locales: { type: 'string', default: 'en-US' },
        },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.name || !values.slug) throw new UsageError('--name and --slug are required');
    try {
      const opened = await openDatabase(loadConfig(), createLogger({ level: 'warn' }), {
        signal: io.signal,
        attachToRunning: true,
      });
      try {
        const tenantId = newId();
        await opened.db.withTenant(tenantId, async (tx) => {
          await tx.query(
            'insert into tenants (id, name, slug, tier, locales) values ($1, $2, $3, $4, $5)',
            [tenantId, values.name, values.slug, values.tier, values.locales.split(',')],
          );
          await writeAudit(tx, {
            actor: 'cli',
            action: 'tenant.create',
            resourceType: 'tenant',
            resourceId: tenantId,
            before: null,
            after: { name: values.name, slug: values.slug, tier: values.tier },
            requestId: null,
          });
        });
        io.stdout.write(`Created tenant ${values.slug}: ${tenantId}\n`);
        return 0;
      } finally {
        await opened.close();
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === '23505') {
        io.stderr.write(`voxeron tenant: the slug "${values.slug}" is taken\n`);
        return 1;
      }
      if (code === '23514') {
        io.stderr.write(`voxeron tenant: invalid value (${(error as Error).message})\n`);
        return 1;
      }
      return reportStartupError(error, io);
    }
  },
};
