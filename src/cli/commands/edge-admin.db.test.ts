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
import { edgeCommand } from './edge.ts';

let test: TestDatabase;
const tenantId = newId();
const locationId = newId();

before(async () => {
  test = await createTestDatabase();
  process.env.DATABASE_URL = test.ownerUrl;
  process.env.VOXERON_DATABASE_APP_PASSWORD = process.env[testAppPasswordEnv];
  process.env.VOXERON_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'voxeron-edge-admin-'));
  await test.db.withTenant(tenantId, async (tx) => {
    await tx.query(`insert into tenants (id, name, slug) values ($1, 'Edge Diner', 'edge-diner')`, [
      tenantId,
    ]);
    await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      tenantId,
      locationId,
    ]);
  });
});
after(async () => {
  await test.close();
});

async function edge(args: string[]) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await edgeCommand.run(args, {
    stdin: Readable.from([]),
    stdout,
    stderr: new PassThrough(),
    signal: new AbortController().signal,
  });
  return { code, out };
}

describe('voxeron edge code / devices', () => {
  it('issues a one-time code for a location and shows the device offline until it is heard from', async () => {
    const issued = await edge([
      'code',
      '--tenant',
      tenantId,
      '--location',
      locationId,
      '--name',
      'Pass box',
    ]);
    assert.equal(issued.code, 0);
    const deviceId = /^device (\S+)$/m.exec(issued.out)?.[1];
    assert.ok(deviceId, issued.out);
    assert.match(issued.out, /enrollment code \(shown once/);
    const stored = await test.db.withTenant(tenantId, (tx) =>
      tx.query<{ status: string; has_code: boolean }>(
        `select status, enrollment_code_hash is not null as has_code from edge_devices where id = $1`,
        [deviceId],
      ),
    );
    assert.deepEqual(stored.rows, [{ status: 'pending', has_code: true }]);

    const before = await edge(['devices', '--tenant', tenantId]);
    assert.match(
      before.out,
      new RegExp(
        `${deviceId}\\s+Pass box\\s+pending\\s+offline\\s+0\\.00 %  \\(below the 99 % target\\)`,
      ),
    );
    await test.db.withTenant(tenantId, (tx) =>
      tx.query(`update edge_devices set status = 'enrolled', last_seen_at = now() where id = $1`, [
        deviceId,
      ]),
    );
    const after = await edge(['devices', '--tenant', tenantId]);
    assert.match(after.out, new RegExp(`${deviceId}\\s+Pass box\\s+enrolled\\s+online\\s+`));
  });

  it('refuses a malformed tenant id with a usage error', async () => {
    await assert.rejects(edge(['devices', '--tenant', 'luigis']), /--tenant needs a UUID/);
  });
});
