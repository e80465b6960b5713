import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startDispatcher,
  type RunningDispatcher,
} from '../../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../../src/integration/targets/action-target.ts';
import { WebhookReceiver } from '../../src/integration/targets/testing/webhook-receiver.ts';
import { WebhookTarget } from '../../src/integration/targets/webhook/webhook-target.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import type { HostResolver } from '../../src/platform/net/allowed-addresses.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { seedTenant, type SeededTenant } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';
import { appendOverflowToggled, createEndpointAt } from './support/webhooks.ts';
import { testSecretBox } from '../../src/platform/crypto/testing/test-secret-box.ts';

// The platform as it runs in production: private addresses are NOT allowed. The receiver is
// on 127.0.0.1 behind names the injected resolver knows.
let test: TestDatabase;
let tenant: SeededTenant;
let dispatcher: RunningDispatcher;
const receiver = new WebhookReceiver();
const names: Record<string, string> = {
  'receiver.test': '127.0.0.1',
  'metadata.test': '169.254.169.254',
  'intranet.test': '10.0.0.5',
};
const resolver: HostResolver = (hostname) => {
  const address = names[hostname];
  return Promise.resolve(address ? [{ address, family: 4 }] : []);
};

interface DeliveryRow {
  id: string;
  status: string;
  attempt: number;
  last_error: { code: string } | null;
  reason: string | null;
}

async function settledDelivery(endpointId: string): Promise<DeliveryRow> {
  return waitFor(`the delivery to ${endpointId} settled`, () =>
    test.db.withTenant(tenant.tenantId, async (tx) => {
      const rows = await tx.query<DeliveryRow>(
        `select a.id::text, a.status, a.attempt, a.last_error,
                (select e.payload->>'reason' from events e
                 where e.type = 'ActionStateChanged' and e.payload->>'action_id' = a.id::text
                   and e.payload->>'to' = 'DEAD_LETTER') as reason
         from actions a where a.type = 'webhook' and a.payload->>'endpoint_id' = $1`,
        [endpointId],
      );
      const [row] = rows.rows;
      return row && ['SUCCEEDED', 'DEAD_LETTER'].includes(row.status) && row;
    }),
  );
}

before(async () => {
  test = await createTestDatabase();
  tenant = await seedTenant(test.db, 'Address Policy Diner');
  await receiver.start();
  dispatcher = startDispatcher({
    db: test.db,
    logger: silentLogger,
    pollIntervalMs: 50,
    queues: ['webhook'],
    targets: staticTargets({
      webhook: new WebhookTarget({
        db: test.db,
        secrets: testSecretBox,
        plainHttpHosts: ['receiver.test'],
        resolver,
      }),
    }),
    retrySchedules: { webhook: { fixedDelaysMs: [20], attemptTimeoutMs: 2000 } },
  });
});
after(async () => {
  await dispatcher.stop();
  await receiver.stop();
  await test.close();
});

describe('outbound webhooks: address policy at send time', () => {
  for (const [host, address, range] of [
    ['receiver.test', '127.0.0.1', 'loopback'],
    ['metadata.test', '169.254.169.254', 'link-local'],
    ['intranet.test', '10.0.0.5', 'private'],
  ] as const) {
    it(`dead-letters a delivery to ${host} (${range}) at once, recorded, never sent`, async () => {
      const endpoint = await createEndpointAt(
        test.db,
        tenant,
        (id) => receiver.urlFor(id).replace('127.0.0.1', host),
        ['OverflowToggled'],
      );
      receiver.register(endpoint.id, endpoint.secret);
      await appendOverflowToggled(test.db, tenant);

      const delivery = await settledDelivery(endpoint.id);
      assert.equal(delivery.status, 'DEAD_LETTER');
      assert.equal(delivery.attempt, 1, 'not retried');
      assert.equal(delivery.last_error?.code, 'address_not_allowed');
      assert.equal(
        delivery.reason,
        `address_not_allowed: ${host} resolves to ${address} (${range}); only public addresses may be called`,
      );
      assert.deepEqual(
        receiver.deliveries.filter((d) => d.endpointId === endpoint.id),
        [],
      );
    });
  }
});
