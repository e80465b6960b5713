import { parseArgs } from 'node:util';
import {
  FlagDefinition,
  FlagKey,
  listFlags,
  readFlag,
  writeFlag,
  type Flag,
} from '../../control/runtime/flag-store.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { cliActor, withCliDatabase } from './with-database.ts';

const usage = [
  'Usage: voxeron flag set KEY [--on|--off] [--rollout PERCENT] [--allow ID,ID] [--deny ID,ID]',
  '                            [--description TEXT]',
  '       voxeron flag list',
  '',
  'A flag is on for a tenant when it is on, the tenant is not denied, and the tenant is allowed',
  'or falls in the rollout percentage (a stable hash of flag and tenant). `set` changes only',
  'what you give; a new flag starts off, 0 %, no lists.',
].join('\n');

const list = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').filter((id) => id.trim() !== '');

const describeFlag = (f: Flag) =>
  `${f.key} ${f.enabled ? 'ON ' : 'off'} rollout ${f.rolloutPercent}% allow [${f.allowTenantIds.join(',')}] deny [${f.denyTenantIds.join(',')}] r${f.revision}${f.description ? ` — ${f.description}` : ''}`;

export const flagCommand: CliCommand = {
  name: 'flag',
  summary: 'Set or list feature flags (targeting and percentage rollout)',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: {
          on: { type: 'boolean' },
          off: { type: 'boolean' },
          rollout: { type: 'string' },
          allow: { type: 'string' },
          deny: { type: 'string' },
          description: { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (action === 'list') {
      return withCliDatabase(io, async (db) => {
        const flags = await db.withoutTenant(listFlags);
        if (flags.length === 0) io.stdout.write('No feature flags.\n');
        for (const flag of flags) io.stdout.write(`${describeFlag(flag)}\n`);
        return 0;
      });
    }
    if (action !== 'set')
      throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
    const key = FlagKey.safeParse(positionals[0]);
    if (!key.success) throw new UsageError(`KEY: ${key.error.issues[0]?.message ?? 'required'}`);
    if (values.on && values.off) throw new UsageError('--on or --off, not both');
    return withCliDatabase(io, async (db) => {
      const flag = await db.withoutTenant(async (tx) => {
        const before = await readFlag(tx, key.data, true);
        const definition = FlagDefinition.safeParse({
          description: values.description ?? before?.description ?? '',
          enabled: values.on ? true : values.off ? false : (before?.enabled ?? false),
          allowTenantIds: list(values.allow) ?? before?.allowTenantIds ?? [],
          denyTenantIds: list(values.deny) ?? before?.denyTenantIds ?? [],
          rolloutPercent:
            values.rollout === undefined ? (before?.rolloutPercent ?? 0) : Number(values.rollout),
        });
        if (!definition.success) {
          throw new UsageError(
            definition.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        }
        return writeFlag(tx, key.data, definition.data, before, {
          actor: cliActor(),
          requestId: null,
        });
      });
      io.stdout.write(`${describeFlag(flag)}\n`);
      return 0;
    });
  },
};
