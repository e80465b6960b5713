import { parseArgs } from 'node:util';
import pg from 'pg';
import { verifyAuditChains } from '../../control/audit/verify-audit-chain.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

const usage = [
  'Usage: voxeron audit verify [--tenant TENANT_ID]',
  '',
  "Recomputes each tenant's hash-chained audit log through the owner connection and reports the",
  'first broken seq per tenant. Exits 0 when every chain holds, 1 when one is broken.',
].join('\n');

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Verify the hash-chained audit log',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'verify')
      throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { tenant: { type: 'string' } },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.tenant !== undefined && !isUuid(values.tenant))
      throw new UsageError('--tenant is a UUID');
    try {
      const opened = await openDatabase(loadConfig(), createLogger({ level: 'warn' }), {
        signal: io.signal,
        attachToRunning: true,
      });
      const owner = new pg.Client({ connectionString: opened.ownerUrl });
      owner.on('error', () => undefined);
      try {
        await owner.connect();
        const report = await verifyAuditChains(owner, values.tenant);
        for (const broken of report.breaks) {
          io.stdout.write(
            `BROKEN tenant ${broken.tenantId} at seq ${broken.seq}: ${broken.reason}\n`,
          );
        }
        io.stdout.write(
          `${report.rows} audit row(s) in ${report.tenants} tenant chain(s): ${report.breaks.length === 0 ? 'all intact' : `${report.breaks.length} broken`}.\n`,
        );
        return report.breaks.length === 0 ? 0 : 1;
      } finally {
        await owner.end().catch(() => undefined);
        await opened.close();
      }
    } catch (error) {
      return reportStartupError(error, io);
    }
  },
};
