import { parseArgs } from 'node:util';
import {
  KillSwitchCreate,
  listKillSwitches,
  turnKillSwitchOff,
  turnKillSwitchOn,
  type KillSwitch,
  type SwitchScope,
} from '../../control/runtime/kill-switch-store.ts';
import type { Database, Tx } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { cliActor, withCliDatabase } from './with-database.ts';

const usage = [
  'Usage: voxeron kill-switch on --kind overflow_off|integration_off|vendor_off --reason TEXT',
  '                              [--tenant ID] [--location ID] [--integration pos|printer|messaging|webhook] [--vendor NAME]',
  '       voxeron kill-switch off SWITCH_ID [--tenant ID]',
  '       voxeron kill-switch list [--tenant ID] [--all]',
  '',
  'Without --tenant a switch is global. Every running worker obeys it within 2 s;',
  'docs/runbooks/kill-switches.md says when to use which.',
].join('\n');

const options = {
  kind: { type: 'string' },
  reason: { type: 'string' },
  tenant: { type: 'string' },
  location: { type: 'string' },
  integration: { type: 'string' },
  vendor: { type: 'string' },
  all: { type: 'boolean', default: false },
} as const;

function describeSwitch(s: KillSwitch): string {
  const what = s.integration ?? s.vendor ?? (s.locationId ? `location ${s.locationId}` : '');
  const state = s.active ? 'ON ' : 'off';
  return `${state} ${s.id} ${s.scope} ${s.kind}${what ? ` ${what}` : ''} — ${s.reason} (${s.createdBy}, ${s.createdAt})`;
}

/** Runs `work` in the switch's scope: the tenant's transaction, or the global one. */
function inScope<T>(
  db: Database,
  tenant: string | undefined,
  work: (scope: SwitchScope) => Promise<T>,
): Promise<T> {
  return tenant
    ? db.withTenant(tenant, (tx) => work({ kind: 'tenant', tx }))
    : db.withoutTenant((tx: Tx) => work({ kind: 'global', tx }));
}

export const killSwitchCommand: CliCommand = {
  name: 'kill-switch',
  summary: 'Turn overflow, an integration or a vendor off (global or per tenant)',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.tenant !== undefined && !isUuid(values.tenant))
      throw new UsageError('--tenant is a UUID');
    const by = { actor: cliActor(), requestId: null };
    switch (action) {
      case 'on': {
        const input = KillSwitchCreate.safeParse({
          kind: values.kind,
          reason: values.reason,
          ...(values.location ? { locationId: values.location } : {}),
          ...(values.integration ? { integration: values.integration } : {}),
          ...(values.vendor ? { vendor: values.vendor } : {}),
        });
        if (!input.success) {
          throw new UsageError(
            input.error.issues.map((i) => `${i.path.join('.') || 'kind'}: ${i.message}`).join('; '),
          );
        }
        if (values.location && !values.tenant) throw new UsageError('--location needs --tenant');
        return withCliDatabase(io, async (db) => {
          const result = await inScope(db, values.tenant, (scope) =>
            turnKillSwitchOn(scope, input.data, by),
          );
          io.stdout.write(
            `${result.created ? 'Turned on' : 'Already on'}: ${describeSwitch(result.killSwitch)}\n`,
          );
          return 0;
        });
      }
      case 'off': {
        const id = positionals[0];
        if (!id || !isUuid(id)) throw new UsageError('give the switch id (a UUID)');
        return withCliDatabase(io, async (db) => {
          const cleared = await inScope(db, values.tenant, (scope) =>
            turnKillSwitchOff(scope, id, by),
          );
          if (!cleared) {
            io.stderr.write(
              `voxeron kill-switch: no switch ${id}${values.tenant ? ' in that tenant' : ' (global)'}\n`,
            );
            return 1;
          }
          io.stdout.write(`Turned off: ${describeSwitch(cleared)}\n`);
          return 0;
        });
      }
      case 'list':
        return withCliDatabase(io, async (db) => {
          const switches = await inScope(db, values.tenant, (scope) =>
            listKillSwitches(scope, values.all),
          );
          if (switches.length === 0) io.stdout.write('No kill switches are on.\n');
          for (const s of switches) io.stdout.write(`${describeSwitch(s)}\n`);
          return 0;
        });
      default:
        throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
    }
  },
};
