import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  createTestDatabase,
  testAppPasswordEnv,
  type TestDatabase,
} from '../../platform/db/testing/test-database.ts';
import { sampleMenu } from '../../control/testing/api-fixture.ts';
import type { CliCommand } from '../command.ts';
import { auditCommand } from './audit.ts';
import { menuCommand } from './menu.ts';
import { tenantCommand } from './tenant.ts';
import { tokenCommand } from './token.ts';

let test: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), 'voxeron-cli-'));

before(async () => {
  test = await createTestDatabase();
  process.env.DATABASE_URL = test.ownerUrl;
  process.env.VOXERON_DATABASE_APP_PASSWORD = process.env[testAppPasswordEnv];
  process.env.VOXERON_DATA_DIR = dir;
});
after(async () => {
  await test.close();
});

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

describe('control-plane CLI commands', () => {
  it('tenant create, token create, menu import (report + exit 1 on problems), audit verify', async () => {
    const tenant = await run(tenantCommand, [
      'create',
      '--name',
      'Cli Pizza',
      '--slug',
      'cli-pizza',
    ]);
    assert.equal(tenant.code, 0, tenant.err);
    const tenantId = /([0-9a-f-]{36})/.exec(tenant.out)![1]!;
    const taken = await run(tenantCommand, ['create', '--name', 'Again', '--slug', 'cli-pizza']);
    assert.equal(taken.code, 1);
    assert.match(taken.err, /taken/);

    const token = await run(tokenCommand, [
      'create',
      '--tenant',
      tenantId,
      '--role',
      'operator',
      '--expires-in-days',
      '30',
    ]);
    assert.equal(token.code, 0, token.err);
    assert.match(token.out, /^vx_[0-9a-f]{8}_[A-Za-z0-9_-]{43}\n$/);
    const platform = await run(tokenCommand, ['create', '--platform-admin']);
    assert.equal(platform.code, 0, platform.err);
    assert.match(platform.out, /^vx_/);
    const hashes = await test.owner.query('select 1 from platform_admin_tokens');
    assert.equal(hashes.rowCount, 1);

    const locationId = '01900000-0000-7000-8000-0000000000c1';
    await test.db.withTenant(tenantId, (tx) =>
      tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
        tenantId,
        locationId,
      ]),
    );
    const bad = sampleMenu();
    bad.items[1]!.aliases = ['Margherita'];
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    const rejected = await run(menuCommand, [
      'import',
      '--tenant',
      tenantId,
      '--location',
      locationId,
      path.join(dir, 'bad.json'),
    ]);
    assert.equal(rejected.code, 1);
    assert.match(
      rejected.err,
      /\$\.items\[1\]\.aliases\[0\]: "Margherita" also names item "margherita"/,
    );
    writeFileSync(
      path.join(dir, 'menu.csv'),
      'id,name,category,price,aliases\nsoup,Soup,starters,5.5,broth|bouillon\n',
    );
    const csv = await run(menuCommand, [
      'import',
      '--tenant',
      tenantId,
      '--location',
      locationId,
      '--name',
      'Lunch',
      '--currency',
      'EUR',
      '--locale',
      'en-US',
      path.join(dir, 'menu.csv'),
    ]);
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.out, /Imported 1 item\(s\) as menu version 1/);

    const verified = await run(auditCommand, ['verify', '--tenant', tenantId]);
    assert.equal(verified.code, 0, verified.out);
    assert.match(verified.out, /3 audit row\(s\) in 1 tenant chain\(s\): all intact/);
  });

  it('usage errors are thrown as UsageError', async () => {
    await assert.rejects(run(tokenCommand, ['create', '--role', 'chef']), /--tenant/);
    await assert.rejects(run(auditCommand, ['check']), /unknown action/);
  });
});
