import { after, before } from 'node:test';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConsolePosTarget } from '../../src/integration/targets/console-pos-target.ts';
import { EdgePrintQueueTarget } from '../../src/integration/targets/edge-print-queue-target.ts';
import { FileMessageSinkTarget } from '../../src/integration/targets/file-message-sink-target.ts';
import { SquareOrdersTarget } from '../../src/integration/targets/square/square-orders-target.ts';
import { FakeSquareServer } from '../../src/integration/targets/testing/fake-square-server.ts';
import { FakeTwilioServer } from '../../src/integration/targets/testing/fake-twilio-server.ts';
import type { HttpFault } from '../../src/integration/targets/testing/http-faults.ts';
import { ScriptedPosTarget } from '../../src/integration/targets/testing/scripted-pos-target.ts';
import { runTargetConformance } from '../../src/integration/targets/testing/target-conformance.ts';
import { WebhookReceiver } from '../../src/integration/targets/testing/webhook-receiver.ts';
import { TwilioMessagesTarget } from '../../src/integration/targets/twilio/twilio-messages-target.ts';
import { WebhookTarget } from '../../src/integration/targets/webhook/webhook-target.ts';
import { newId } from '../../src/platform/ids.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { payloadFor, seedTenant, type SeededTenant } from './support/seed.ts';
import { appendOverflowToggled, createEndpoint, type SeededEndpoint } from './support/webhooks.ts';
import { testSecretBox } from '../../src/platform/crypto/testing/test-secret-box.ts';

let test: TestDatabase;
let tenant: SeededTenant;
let n = 0;
const reference = () => `R-${++n}`;

before(async () => {
  test = await createTestDatabase();
  tenant = await seedTenant(test.db, 'Conformance Cafe');
  await test.db.withTenant(tenant.tenantId, (tx) =>
    tx.query(
      `insert into edge_devices (tenant_id, id, location_id, name, status) values ($1, $2, $3, 'kitchen pi', 'enrolled')`,
      [tenant.tenantId, newId(), tenant.locationId],
    ),
  );
});
after(async () => {
  await test.close();
});

/** Faults queued by a test, played by the fake server's script before its default (none). */
function faultQueue() {
  const queue: HttpFault[] = [];
  return {
    inject: (fault: HttpFault) => void queue.push(fault),
    script: () => queue.shift() ?? 'none',
  };
}

runTargetConformance('console POS (pos_orders)', async () => ({
  target: new ConsolePosTarget(test.db),
  tenantId: tenant.tenantId,
  payload: () => payloadFor('create_pos_order', tenant, reference()) as never,
  effects: async (_payload, context) =>
    (
      await test.db.withTenant(tenant.tenantId, (tx) =>
        tx.query('select 1 from pos_orders where idempotency_key = $1', [context.idempotencyKey]),
      )
    ).rowCount ?? 0,
  idempotentExecute: true,
}));

runTargetConformance('edge print queue (print_jobs)', async () => ({
  target: new EdgePrintQueueTarget(test.db),
  tenantId: tenant.tenantId,
  payload: () => payloadFor('dispatch_printer_ticket', tenant, reference()) as never,
  effects: async (payload) =>
    (
      await test.db.withTenant(tenant.tenantId, (tx) =>
        tx.query(`select 1 from print_jobs where id = $1 and status = 'queued'`, [payload.job_id]),
      )
    ).rowCount ?? 0,
  idempotentExecute: true,
}));

runTargetConformance('Square Orders API (local fake server)', async () => {
  const faults = faultQueue();
  const square = new FakeSquareServer({ faults: faults.script });
  const baseUrl = await square.start();
  return {
    target: new SquareOrdersTarget({
      baseUrl,
      accessToken: 'fake-square-token',
      squareLocationId: 'LSQUARE1',
    }),
    tenantId: tenant.tenantId,
    payload: () => payloadFor('create_pos_order', tenant, reference()) as never,
    effects: async (payload) => square.ordersByReference.get(payload.order_reference) ?? 0,
    idempotentExecute: true,
    injectFault: faults.inject,
    close: () => square.stop(),
  };
});

runTargetConformance('Twilio Messages API (local fake server)', async () => {
  const faults = faultQueue();
  const twilio = new FakeTwilioServer({ faults: faults.script });
  const baseUrl = await twilio.start();
  return {
    target: new TwilioMessagesTarget({
      baseUrl,
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: '+31200000000',
    }),
    tenantId: tenant.tenantId,
    payload: () => {
      const ref = reference();
      return {
        ...(payloadFor('send_confirmation_message', tenant, ref) as object),
        body: `Conformance Cafe: order ${ref} is confirmed.`,
      } as never;
    },
    effects: async (payload) => twilio.sentByBody.get(payload.body) ?? 0,
    idempotentExecute: false,
    injectFault: faults.inject,
    close: () => twilio.stop(),
  };
});

runTargetConformance('file SMS sink (demo)', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'voxeron-sms-')), 'sms.jsonl');
  return {
    target: new FileMessageSinkTarget(file),
    tenantId: tenant.tenantId,
    payload: () => payloadFor('send_confirmation_message', tenant, reference()) as never,
    effects: async (_payload, context) => {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return 0;
      }
      return text.split('\n').filter((line) => line.includes(context.idempotencyKey)).length;
    },
    idempotentExecute: true,
  };
});

runTargetConformance('scripted POS (the fake the dispatcher tests use)', async () => {
  const target = new ScriptedPosTarget({ retryAfterMs: 1000 });
  return {
    target,
    tenantId: tenant.tenantId,
    payload: () => payloadFor('create_pos_order', tenant, reference()) as never,
    effects: async (_payload, context) => target.effects.get(context.idempotencyKey) ?? 0,
    idempotentExecute: true,
    injectFault: (fault) => target.queueFaults(fault),
  };
});

runTargetConformance('outbound webhook (local Standard Webhooks receiver)', async () => {
  const faults = faultQueue();
  const receiver = new WebhookReceiver(() => faults.script());
  await receiver.start();
  // A fresh endpoint per payload: the 410 case disables the endpoint it hits.
  const endpoints: SeededEndpoint[] = [];
  for (let i = 0; i < 24; i++) {
    endpoints.push(await createEndpoint(test.db, tenant, receiver, ['MenuUpdated']));
  }
  const event = await appendOverflowToggled(test.db, tenant);
  let next = 0;
  return {
    target: new WebhookTarget({
      db: test.db,
      secrets: testSecretBox,
      plainHttpHosts: ['127.0.0.1'],
      allowPrivateAddresses: true,
    }),
    tenantId: tenant.tenantId,
    payload: () => {
      const endpoint = endpoints[next++ % endpoints.length]!;
      return {
        endpoint_id: endpoint.id,
        url: endpoint.url,
        event_id: event.id,
        event_type: 'OverflowToggled',
      };
    },
    effects: async (_payload, context) => receiver.applied.get(context.idempotencyKey) ?? 0,
    idempotentExecute: true,
    reconcilable: false,
    ignoresAnswerBody: true,
    injectFault: faults.inject,
    close: () => receiver.stop(),
  };
});
