import { parseArgs } from 'node:util';
import { HttpProblem } from '../../control/http/problem.ts';
import {
  approvePromotion,
  listOverlays,
  requestPromotion,
  rollbackTo,
  type OverlayVersion,
} from '../../control/overlays/overlay-store.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { cliActor, withCliDatabase } from './with-database.ts';

const usage = [
  'Usage: voxeron blueprint list --tenant ID [--location ID]',
  '       voxeron blueprint promote OVERLAY_ID --tenant ID --to staging|production',
  '       voxeron blueprint approve PROMOTION_ID --tenant ID',
  '       voxeron blueprint rollback OVERLAY_ID --tenant ID',
  '',
  "Moves a tenant's overlay versions through draft → staging → production. With the flag",
  'blueprint.two-person-rule on, a promotion waits for `approve` by someone else.',
  'A rollback makes an earlier version production at once.',
].join('\n');

const describeVersion = (o: OverlayVersion) =>
  `${o.id} v${o.version} ${o.environment.padEnd(10)} ${o.locationId ?? 'tenant-wide'} (${o.createdBy}, ${o.createdAt})`;

export const blueprintCommand: CliCommand = {
  name: 'blueprint',
  summary: 'List, promote, approve or roll back tenant overlay versions',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: {
          tenant: { type: 'string' },
          location: { type: 'string' },
          to: { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    const tenant = values.tenant;
    if (!tenant || !isUuid(tenant)) throw new UsageError('--tenant (a UUID) is required');
    const id = positionals[0];
    const by = { actor: cliActor(), requestId: null };
    if (action !== 'list' && (!id || !isUuid(id))) throw new UsageError('give the id (a UUID)');
    if (action === 'promote' && values.to !== 'staging' && values.to !== 'production')
      throw new UsageError('--to staging or --to production');
    return withCliDatabase(io, async (db) => {
      try {
        switch (action) {
          case 'list': {
            const versions = await db.withTenant(tenant, (tx) => listOverlays(tx, values.location));
            if (versions.length === 0) io.stdout.write('No overlay versions.\n');
            for (const version of versions) io.stdout.write(`${describeVersion(version)}\n`);
            return 0;
          }
          case 'promote': {
            const to = values.to as 'staging' | 'production';
            const promotion = await db.withTenant(tenant, (tx) =>
              requestPromotion(tx, id!, to, by),
            );
            io.stdout.write(
              promotion.status === 'pending'
                ? `Awaiting approval by someone else: voxeron blueprint approve ${promotion.id} --tenant ${tenant}\n`
                : `Promoted to ${promotion.to}.\n`,
            );
            return 0;
          }
          case 'approve': {
            const promotion = await db.withTenant(tenant, (tx) => approvePromotion(tx, id!, by));
            io.stdout.write(`Approved: promoted to ${promotion.to}.\n`);
            return 0;
          }
          case 'rollback': {
            const version = await db.withTenant(tenant, (tx) => rollbackTo(tx, id!, by));
            io.stdout.write(`Rolled back: ${describeVersion(version)}\n`);
            return 0;
          }
          default:
            throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
        }
      } catch (error) {
        if (error instanceof HttpProblem) {
          io.stderr.write(`voxeron blueprint: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    });
  },
};
