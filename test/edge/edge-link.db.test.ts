import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { examplePrinterTicket } from '../../src/contracts/testing/index.ts';
import { EdgeAgent } from '../../src/edge/agent/edge-agent.ts';
import { enrollAgent } from '../../src/edge/agent/enroll.ts';
import type { AgentConfig } from '../../src/edge/agent/agent-config.ts';
import {
  startEdgeLinkServer,
  type EdgeLinkServer,
} from '../../src/edge/link-server/edge-link-server.ts';
import { issueEnrollmentCode, revokeDevice } from '../../src/edge/link-server/enrollment.ts';
import { cancelPrintJob } from '../../src/edge/link-server/print-job-store.ts';
import { deviceOnlineRatio } from '../../src/edge/link-server/device-presence.ts';
import { createDeviceKeyAndCsr } from '../../src/edge/pki/device-key.ts';
import {
  issueDeviceCertificate,
  loadOrCreatePlatformCa,
  type PlatformCa,
} from '../../src/edge/pki/platform-ca.ts';
import { PrinterSim } from '../../src/edge/printer-sim/printer-sim.ts';
import { delay } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';

let test: TestDatabase;
let ca: PlatformCa;
let server: EdgeLinkServer;
let sim: PrinterSim;
const dir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-edge-link-'));
const tenantId = newId();
const otherTenantId = newId();
const locationId = newId();
const otherLocationId = newId();

async function seedTenant(tenant: string, locations: string[]): Promise<void> {
  await test.db.withTenant(tenant, async (tx) => {
    await tx.query(`insert into tenants (id, name, slug) values ($1, 'Edge Diner', $2)`, [
      tenant,
      `edge-${tenant.slice(-8)}`,
    ]);
    for (const location of locations) {
      await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
        tenant,
        location,
      ]);
    }
  });
}

async function insertJob(tenant: string, location: string): Promise<string> {
  const jobId = newId();
  const ticket = {
    ...examplePrinterTicket(),
    job_id: jobId,
    tenant_id: tenant,
    location_id: location,
  };
  await test.db.withTenant(tenant, (tx) =>
    tx.query(
      `insert into print_jobs (tenant_id, id, location_id, order_ref, printer_id, ticket) values ($1, $2, $3, 'A-1042', 'kitchen-1', $4)`,
      [tenant, jobId, location, JSON.stringify(ticket)],
    ),
  );
  return jobId;
}

async function jobStatus(tenant: string, jobId: string): Promise<string | undefined> {
  const result = await test.db.withTenant(tenant, (tx) =>
    tx.query<{ status: string }>('select status from print_jobs where id = $1', [jobId]),
  );
  return result.rows[0]?.status;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(50);
  }
}

async function enroll(
  location: string,
  tenant = tenantId,
  name = 'kitchen box',
): Promise<AgentConfig> {
  const { code } = await issueEnrollmentCode(test.db, {
    tenantId: tenant,
    locationId: location,
    name,
  });
  return enrollAgent({
    platformUrl: `https://127.0.0.1:${server.enrollmentPort}`,
    code,
    configFile: path.join(dir, `${newId()}.json`),
    printers: [{ printer_id: 'kitchen-1', host: '127.0.0.1', port: sim.port }],
  });
}

/** Opens a raw link connection with the given client credentials; resolves with the outcome. */
function dial(credentials: {
  key?: string;
  cert?: string;
}): Promise<{ socket?: WebSocket; error?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`wss://127.0.0.1:${server.port}/edge/v1/link`, {
      ...credentials,
      ca: ca.certPem,
    });
    socket.once('open', () => resolve({ socket }));
    socket.once('error', (error) => resolve({ error: error.message }));
    socket.once('unexpected-response', (_request, response) =>
      resolve({ error: `HTTP ${response.statusCode}` }),
    );
  });
}

function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)),
  );
}
function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

before(async () => {
  test = await createTestDatabase();
  await seedTenant(tenantId, [locationId, otherLocationId]);
  await seedTenant(otherTenantId, [newId()]);
  ca = await loadOrCreatePlatformCa(path.join(dir, 'pki'));
  server = await startEdgeLinkServer({
    db: test.db,
    ca,
    port: 0,
    enrollmentPort: 0,
    pollIntervalMs: 100,
    heartbeatIntervalMs: 1000,
  });
  sim = await PrinterSim.start({ port: 0 });
});
after(async () => {
  await server.close();
  await sim.close();
  await test.close();
});

void describe('edge link (mTLS WebSocket, protocol v1, print_jobs)', () => {
  void it('keeps the CA key private and reuses the CA', async () => {
    const mode = (await import('node:fs')).statSync(path.join(dir, 'pki', 'ca.key')).mode & 0o777;
    assert.equal(mode, 0o600);
    const again = await loadOrCreatePlatformCa(path.join(dir, 'pki'));
    assert.equal(again.certPem, ca.certPem);
  });

  void it('enrolls with a one-time code, prints offered jobs, honours a server cancel', async () => {
    const config = await enroll(locationId);
    assert.equal(config.location_id, locationId);
    const controller = new AbortController();
    const agent = new EdgeAgent(config, { retryDelayMs: 10, reconnectInitialMs: 50 });
    const running = agent.run(controller.signal);
    try {
      const jobs = await Promise.all([1, 2, 3].map(() => insertJob(tenantId, locationId)));
      await until(async () =>
        (await Promise.all(jobs.map((job) => jobStatus(tenantId, job)))).every(
          (s) => s === 'printed',
        ),
      );
      assert.equal(sim.printed.length, 3);
      const connectedMs = Date.now();
      sim.set({ paperOut: true });
      const held = await insertJob(tenantId, locationId);
      await until(
        async () =>
          (await jobStatus(tenantId, held)) === 'accepted' ||
          (await jobStatus(tenantId, held)) === 'printing',
      );
      assert.equal(await cancelPrintJob(test.db, { tenantId, jobId: held }), 'cancel_requested');
      await until(async () => (await jobStatus(tenantId, held)) === 'canceled');
      sim.set({ paperOut: false });
      await delay(300);
      assert.equal(sim.printed.length, 3, 'a canceled job is never printed');
      const ratio = await deviceOnlineRatio(test.db, {
        tenantId,
        deviceId: config.device_id,
        fromMs: connectedMs,
        toMs: Date.now(),
        heartbeatIntervalMs: 1000,
      });
      assert.ok(ratio > 0.95, `online ratio ${ratio}`);
    } finally {
      controller.abort();
      await running;
    }
  });

  void it('offers a new job, sends a cancel and drops a revoked device as soon as they are written, not at the next poll', async () => {
    // A second server that would not look on its own for 10 minutes: only the LISTEN wake-up
    // (migration 0011) can bring these jobs to the box.
    const slow = await startEdgeLinkServer({
      db: test.db,
      ca,
      port: 0,
      enrollmentPort: 0,
      pollIntervalMs: 600_000,
      heartbeatIntervalMs: 1000,
    });
    const controller = new AbortController();
    let running: Promise<void> | undefined;
    try {
      const { code } = await issueEnrollmentCode(test.db, {
        tenantId,
        locationId,
        name: 'woken box',
      });
      const config = await enrollAgent({
        platformUrl: `https://127.0.0.1:${slow.enrollmentPort}`,
        code,
        configFile: path.join(dir, `${newId()}.json`),
        printers: [{ printer_id: 'kitchen-1', host: '127.0.0.1', port: sim.port }],
      });
      running = new EdgeAgent(config, { retryDelayMs: 10, reconnectInitialMs: 50 }).run(
        controller.signal,
      );
      await until(async () => slow.connectedDevices().includes(config.device_id));
      await delay(400); // past the session's first look, so the next one needs a wake-up
      const printedBefore = sim.printed.length;
      const job = await insertJob(tenantId, locationId);
      await until(async () => (await jobStatus(tenantId, job)) === 'printed');
      assert.equal(sim.printed.length, printedBefore + 1);

      sim.set({ paperOut: true });
      const held = await insertJob(tenantId, locationId);
      await until(async () =>
        ['accepted', 'printing'].includes((await jobStatus(tenantId, held)) ?? ''),
      );
      assert.equal(await cancelPrintJob(test.db, { tenantId, jobId: held }), 'cancel_requested');
      await until(async () => (await jobStatus(tenantId, held)) === 'canceled');

      // Revocation reaches the live link the same way (migration 0012), not in 10 minutes.
      assert.ok(await revokeDevice(test.db, { tenantId, deviceId: config.device_id }));
      await until(async () => !slow.connectedDevices().includes(config.device_id));
    } finally {
      sim.set({ paperOut: false });
      controller.abort();
      await running;
      await slow.close();
    }
  });

  void it('refuses a used code, and no certificate / a foreign CA / an expired / a revoked certificate', async () => {
    await assert.rejects(
      enrollAgent({
        platformUrl: `https://127.0.0.1:${server.enrollmentPort}`,
        code: 'AAAAA-AAAAA-AAAAA-AAAAA',
        configFile: path.join(dir, 'x.json'),
        printers: [{ printer_id: 'kitchen-1', host: '127.0.0.1', port: 9100 }],
      }),
      /enrollment refused/,
    );
    const none = await dial({});
    assert.ok(none.error, 'no client certificate: refused in the TLS handshake');

    const deviceId = newId();
    const foreign = path.join(dir, 'foreign');
    execFileSync('mkdir', ['-p', foreign]);
    const ossl = (...args: string[]) =>
      execFileSync('openssl', args, { cwd: foreign, stdio: 'pipe' });
    ossl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-subj',
      '/CN=Foreign CA',
      '-days',
      '2',
    );
    ossl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'dev.key',
      '-out',
      'dev.csr',
      '-subj',
      `/CN=${deviceId}`,
    );
    writeFileSync(
      path.join(foreign, 'ext.cnf'),
      `subjectAltName=URI:urn:voxeron:edge:tenant:${tenantId}:device:${deviceId}\nextendedKeyUsage=clientAuth\n`,
    );
    ossl(
      'x509',
      '-req',
      '-in',
      'dev.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'dev.crt',
      '-days',
      '1',
      '-extfile',
      'ext.cnf',
    );
    const fromForeignCa = await dial({
      key: readFileSync(path.join(foreign, 'dev.key'), 'utf8'),
      cert: readFileSync(path.join(foreign, 'dev.crt'), 'utf8'),
    });
    assert.ok(fromForeignCa.error, 'a certificate from another CA is refused');

    const config = await enroll(locationId, tenantId, 'expiring box');
    const { keyPem, csrPem } = await createDeviceKeyAndCsr();
    const expired = await issueDeviceCertificate(
      ca,
      csrPem,
      { tenantId, deviceId: config.device_id },
      {
        notBefore: new Date(Date.now() - 3 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      },
    );
    const withExpired = await dial({ key: keyPem, cert: expired.certPem });
    assert.ok(withExpired.error, 'an expired certificate is refused');

    const valid = await dial({ key: config.key_pem, cert: config.cert_pem });
    assert.ok(valid.socket, 'the enrolled certificate is accepted');
    valid.socket.close();
    assert.ok(await revokeDevice(test.db, { tenantId, deviceId: config.device_id }));
    const revoked = await dial({ key: config.key_pem, cert: config.cert_pem });
    assert.equal(revoked.error, 'HTTP 403', 'a revoked device is refused');
  });

  void it('refuses to let a device act for another location, and bad frames with clear codes', async () => {
    const config = await enroll(locationId, tenantId, 'protocol box');
    const otherJob = await insertJob(tenantId, otherLocationId);
    const { socket } = await dial({ key: config.key_pem, cert: config.cert_pem });
    assert.ok(socket);
    const hello = {
      v: 1,
      id: newId(),
      type: 'hello',
      agent_version: '1.0.0',
      device_id: config.device_id,
      protocol_versions: [1],
      queue_depth: 0,
      printers: [],
    };
    socket.send(JSON.stringify(hello));
    const ack = await nextMessage(socket);
    assert.equal(ack.type, 'hello_ack');
    assert.equal(ack.location_id, locationId, 'location from edge_devices');
    socket.send(
      JSON.stringify({ v: 1, id: newId(), type: 'job_ack', job_id: otherJob, result: 'accepted' }),
    );
    let reply = await nextMessage(socket);
    while (reply.type !== 'error') reply = await nextMessage(socket);
    assert.equal(reply.code, 'unknown_job');
    socket.send(
      JSON.stringify({
        v: 1,
        id: newId(),
        type: 'job_status',
        job_id: otherJob,
        status: 'printed',
        attempts: 1,
      }),
    );
    reply = await nextMessage(socket);
    while (reply.type !== 'error') reply = await nextMessage(socket);
    assert.equal(
      await jobStatus(tenantId, otherJob),
      'queued',
      "another location's job is untouched",
    );

    const badVersion = closed(socket);
    socket.send(JSON.stringify({ ...hello, type: 'heartbeat', v: 2 }));
    assert.equal(await badVersion, 4002);

    for (const [frame, code] of [
      ['{"v":1,', 4000],
      [
        JSON.stringify({
          v: 1,
          id: newId(),
          type: 'heartbeat',
          agent_version: '1.0.0',
          queue_depth: 0,
          printers: [],
          pad: 'x'.repeat(70_000),
        }),
        1009,
      ],
    ] as const) {
      const again = await dial({ key: config.key_pem, cert: config.cert_pem });
      assert.ok(again.socket);
      const errorReply = nextMessage(again.socket);
      const closing = closed(again.socket);
      again.socket.send(frame);
      assert.equal((await errorReply).type, 'error');
      assert.equal(await closing, code);
    }
  });
});
