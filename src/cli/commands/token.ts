import { parseArgs } from 'node:util';
import { writeAudit } from '../../control/audit/write-audit.ts';
import { Scope, TenantRole } from '../../control/auth/roles.ts';
import { createPlatformAdminToken, createTenantToken } from '../../control/auth/token-store.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';

const usage = [
  'Usage: voxeron token create --tenant TENANT_ID --role tenant_admin|operator|viewer',
  '                            [--name N] [--scopes menus:read,kitchen:write] [--expires-in-days N]',
  '       voxeron token create --platform-admin [--name N] [--expires-in-days N]',
  '',
  'Issues an API token and prints it once: store it now, it cannot be shown again.',
  'Platform-admin tokens are written through the database owner connection.',
].join('\n');

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'Issue an API token (tenant or platform admin)',
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
          tenant: { type: 'string' },
          role: { type: 'string' },
          name: { type: 'string', default: 'cli' },
          scopes: { type: 'string' },
          'expires-in-days': { type: 'string' },
          'platform-admin': { type: 'boolean', default: false },
        },
        strict: true,
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const days =
      values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
      throw new UsageError('--expires-in-days is a whole number from 1 to 3650');
    }
    const platform = values['platform-admin'];
    if (platform && (values.tenant || values.role || values.scopes)) {
      throw new UsageError('--platform-admin takes no --tenant, --role or --scopes');
    }
    const role = TenantRole.safeParse(values.role);
    if (!platform && (!values.tenant || !isUuid(values.tenant) || !role.success)) {
      throw new UsageError(
        '--tenant (a UUID) and --role (tenant_admin, operator or viewer) are required',
      );
    }
    const scopes = (values.scopes?.split(',') ?? []).filter(Boolean);
    const badScope = scopes.find((scope) => !Scope.safeParse(scope).success);
    if (badScope)
      throw new UsageError(`unknown scope "${badScope}"; known: ${Scope.options.join(', ')}`);
    try {
      const opened = await openDatabase(loadConfig(), createLogger({ level: 'warn' }), {
        signal: io.signal,
        attachToRunning: true,
      });
      try {
        if (platform) {
          const issued = await createPlatformAdminToken(opened.ownerUrl, values.name, days);
          io.stdout.write(`${issued.token}\n`);
          io.stderr.write(
            `Platform-admin token ${issued.id} (${issued.prefix}). Shown once: store it now.\n`,
          );
          return 0;
        }
        const issued = await opened.db.withTenant(values.tenant!, async (tx) => {
          const created = await createTenantToken(tx, {
            name: values.name,
            role: role.data!,
            scopes: scopes as Scope[],
            expiresInDays: days,
          });
          await writeAudit(tx, {
            actor: 'cli',
            action: 'token.create',
            resourceType: 'api_token',
            resourceId: created.record.id,
            before: null,
            after: created.record,
            requestId: null,
          });
          return created;
        });
        io.stdout.write(`${issued.token}\n`);
        io.stderr.write(
          `Token ${issued.record.id} (${issued.record.prefix}, ${issued.record.role}). Shown once: store it now.\n`,
        );
        return 0;
      } finally {
        await opened.close();
      }
    } catch (error) {
      if ((error as { code?: string }).code === '23503') {
        io.stderr.write(`voxeron token: no tenant ${values.tenant}\n`);
        return 1;
      }
      return reportStartupError(error, io);
    }
  },
};
