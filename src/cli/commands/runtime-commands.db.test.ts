import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../platform/ids.ts';
import {
  createTestDatabase,
  testAppPasswordEnv,
  type TestDatabase,
} from '../../platform/db/testing/test-database.ts';
import { importMenu } from '../../control/menus/import-menu.ts';
import { sampleMenu } from '../../control/testing/api-fixture.ts';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { loadRuntimeSnapshot } from '../../platform/runtime-controls/index.ts';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { blueprintCommand } from './blueprint.ts';
import { callCommand } from './call.ts';
import { flagCommand } from './flag.ts';
import { killSwitchCommand } from './kill-switch.ts';

let test: TestDatabase;
const tenantId = newId();

before(async () => {
  test = await createTestDatabase();
  process.env.DATABASE_URL = test.ownerUrl;
  process.env.VOXERON_DATABASE_APP_PASSWORD = process.env[testAppPasswordEnv];
  process.env.VOXERON_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'voxeron-cli-'));
  await test.db.withTenant(tenantId, (tx) =>
    tx.query(`insert into tenants (id, name, slug) values ($1, 'Cli', 'cli-switches')`, [tenantId]),
  );
});
after(() => test.close());

async function run(command: CliCommand, args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await command.run(args, {
    stdin: Readable.from([]),
    stdout,
    stderr,
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

describe('runtime-control CLI: kill-switch, flag, blueprint, call', () => {
  it('turns a tenant switch on and off, audited, and lists it', async () => {
    const on = await run(killSwitchCommand, [
      'on',
      '--tenant',
      tenantId,
      '--kind',
      'integration_off',
      '--integration',
      'printer',
      '--reason',
      'printer vendor outage',
    ]);
    assert.equal(on.code, 0, on.err);
    assert.match(on.out, /Turned on: ON .* tenant integration_off printer/);
    const id = /([0-9a-f-]{36})/.exec(on.out)![1]!;
    assert.equal((await loadRuntimeSnapshot(test.db)).isIntegrationOff(tenantId, 'printer'), true);
    const again = await run(killSwitchCommand, [
      'on',
      '--tenant',
      tenantId,
      '--kind',
      'integration_off',
      '--integration',
      'printer',
      '--reason',
      'twice',
    ]);
    assert.match(again.out, /Already on/);

    const off = await run(killSwitchCommand, ['off', id, '--tenant', tenantId]);
    assert.equal(off.code, 0, off.err);
    assert.equal((await loadRuntimeSnapshot(test.db)).isIntegrationOff(tenantId, 'printer'), false);
    const listed = await run(killSwitchCommand, ['list', '--tenant', tenantId, '--all']);
    assert.match(listed.out, new RegExp(`off ${id}`));
    const audit = await test.db.withTenant(tenantId, (tx) =>
      tx.query<{ action: string; actor: string }>(
        'select action, actor from audit_log order by seq',
      ),
    );
    assert.deepEqual(
      audit.rows.map((row) => row.action),
      ['kill_switch.on', 'kill_switch.off'],
    );
    assert.match(audit.rows[0]!.actor, /^cli:/);
  });

  it('a global switch goes to the platform audit log; bad input is a usage error', async () => {
    const on = await run(killSwitchCommand, [
      'on',
      '--kind',
      'vendor_off',
      '--vendor',
      'acme-tts',
      '--reason',
      'vendor incident',
    ]);
    assert.equal(on.code, 0, on.err);
    assert.equal((await loadRuntimeSnapshot(test.db)).isVendorOff('acme-tts'), true);
    const audit = await test.db.withoutTenant((tx) =>
      tx.query<{ action: string }>('select action from platform_audit_log'),
    );
    assert.ok(audit.rows.some((row) => row.action === 'kill_switch.on'));
    await assert.rejects(
      run(killSwitchCommand, ['on', '--kind', 'integration_off', '--reason', 'no target']),
      UsageError,
    );
  });

  it('flag set changes only what is given; list shows it', async () => {
    const set = await run(flagCommand, ['set', 'new-greeting', '--on', '--rollout', '25']);
    assert.equal(set.code, 0, set.err);
    const allow = await run(flagCommand, ['set', 'new-greeting', '--allow', tenantId]);
    assert.equal(allow.code, 0, allow.err);
    const listed = await run(flagCommand, ['list']);
    assert.match(listed.out, new RegExp(`new-greeting ON  rollout 25% allow \\[${tenantId}\\]`));
    assert.equal((await loadRuntimeSnapshot(test.db)).flagEnabled('new-greeting', tenantId), true);
    await assert.rejects(run(flagCommand, ['set', 'x', '--rollout', '101']), UsageError);
  });

  it('blueprint promote, list, rollback; a refused move exits 1 with the reason', async () => {
    const blueprintId = newId();
    const [v1, v2] = [newId(), newId()];
    await test.db.withoutTenant((tx) =>
      tx.query(
        `insert into blueprints (id, sector, version, definition, created_by) values ($1, 'restaurant', 1, '{}', 't')`,
        [blueprintId],
      ),
    );
    await test.db.withTenant(tenantId, async (tx) => {
      for (const [id, version] of [
        [v1, 1],
        [v2, 2],
      ] as const) {
        await tx.query(
          `insert into tenant_overlays (tenant_id, id, version, blueprint_id, environment, overlay, created_by)
           values ($1, $2, $3, $4, 'staging', '{}', 'author')`,
          [tenantId, id, version, blueprintId],
        );
      }
    });
    for (const id of [v1, v2]) {
      const promoted = await run(blueprintCommand, [
        'promote',
        id,
        '--tenant',
        tenantId,
        '--to',
        'production',
      ]);
      assert.equal(promoted.code, 0, promoted.err);
    }
    const refused = await run(blueprintCommand, [
      'promote',
      v2,
      '--tenant',
      tenantId,
      '--to',
      'production',
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /in production/);
    const rolledBack = await run(blueprintCommand, ['rollback', v1, '--tenant', tenantId]);
    assert.equal(rolledBack.code, 0, rolledBack.err);
    const listed = await run(blueprintCommand, ['list', '--tenant', tenantId]);
    assert.match(listed.out, new RegExp(`${v2} v2 retired`));
    assert.match(listed.out, new RegExp(`${v1} v1 production`));
  });

  it('voxeron call uses the production overlay, pins it on the session, and obeys overflow_off', async () => {
    const callTenant = newId();
    const locationId = newId();
    const blueprintId = newId();
    const overlayId = newId();
    await test.db.withoutTenant((tx) =>
      tx.query(
        `insert into blueprints (id, sector, version, definition, created_by) values ($1, 'restaurant', 2, '{}', 't')`,
        [blueprintId],
      ),
    );
    await test.db.withTenant(callTenant, async (tx) => {
      await tx.query(`insert into tenants (id, name, slug) values ($1, 'Call', 'cli-call')`, [
        callTenant,
      ]);
      await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
        callTenant,
        locationId,
      ]);
      await importMenu(tx, locationId, parseMenuV1(sampleMenu()));
      await tx.query(
        `insert into tenant_overlays (tenant_id, id, location_id, version, blueprint_id, environment, overlay, created_by)
         values ($1, $2, $3, 1, $4, 'production', '{"greeting":"Welcome to version one!"}', 't')`,
        [callTenant, overlayId, locationId, blueprintId],
      );
    });
    const call = await run(callCommand, ['--text', '--tenant', callTenant, '--json']);
    assert.equal(call.code, 0, call.err);
    assert.match(call.out, /Welcome to version one!/);
    const sessions = await test.db.withTenant(callTenant, (tx) =>
      tx.query<{ overlay_id: string }>('select overlay_id from sessions'),
    );
    assert.deepEqual(sessions.rows, [{ overlay_id: overlayId }]);

    const off = await run(killSwitchCommand, [
      'on',
      '--tenant',
      callTenant,
      '--kind',
      'overflow_off',
      '--reason',
      'staff answers',
    ]);
    assert.equal(off.code, 0, off.err);
    const refused = await run(callCommand, ['--text', '--tenant', callTenant, '--json']);
    assert.equal(refused.code, 0, refused.err);
    assert.match(refused.out, /putting you through to the restaurant/);
    const after = await test.db.withTenant(callTenant, (tx) => tx.query('select 1 from sessions'));
    assert.equal(after.rowCount, 1, 'the refused call recorded no session');
  });
});
