/**
 * An "86" through the REST API reaches a running session within 2 s (issue 6): a real session
 * on PostgreSQL whose context engine caches for 10 minutes, so only the NOTIFY on
 * voxeron_config (listenForContextInvalidation) can make the change visible in time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { composeSessionConfig, restaurantBlueprintV1 } from '../../src/data/blueprint/index.ts';
import {
  ContextEngine,
  contextInvalidationChannel,
  listenForContextInvalidation,
} from '../../src/data/session/context-engine.ts';
import { PostgresLocationSource } from '../../src/data/session/postgres-source.ts';
import { PostgresSessionStore } from '../../src/data/session/postgres-store.ts';
import { SessionManager } from '../../src/data/session/session-manager.ts';
import { ToolRunner } from '../../src/data/session/tool-runner.ts';
import {
  createApiFixture,
  seedLocation,
  type ApiFixture,
} from '../../src/control/testing/api-fixture.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { waitFor } from '../integration/support/wait-for.ts';

let test: TestDatabase;
let api: ApiFixture;
const listening = new AbortController();

before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
});
after(async () => {
  listening.abort();
  await api.app.close();
  await test.close();
});

describe('menu and kitchen changes in a running session', () => {
  it('an item 86ed through the API is sold out in the running call within 2 s; un-86ed, back', async () => {
    const tenantId = api.a.tenantId;
    const { locationId } = await seedLocation(test.db, tenantId);
    const engine = new ContextEngine(new ToolRunner(new PostgresLocationSource(test.db)), {
      ttlMs: 600_000,
    });
    await listenForContextInvalidation(test.db.pool, engine, listening.signal);
    const manager = new SessionManager({
      store: new PostgresSessionStore(test.db),
      context: engine,
    });
    const session = await manager.open({
      config: composeSessionConfig(restaurantBlueprintV1, {
        tenantId,
        locationId,
        restaurantName: 'Test kitchen',
      }),
      channel: 'text',
    });
    assert.equal(session.isEnded, false, session.greeting);
    const soldOut = async () =>
      (await engine.get(tenantId, locationId)).kitchen.unavailable_item_ids.includes('margherita');
    assert.equal(await soldOut(), false);

    const marked = await api.call({
      method: 'POST',
      url: `/v1/tenants/${tenantId}/locations/${locationId}/kitchen/sold-out`,
      token: api.a.tokens.operator,
      payload: { itemId: 'margherita' },
    });
    assert.equal(marked.statusCode, 200, marked.body);
    await waitFor('the 86 to reach the session', soldOut, 2000, 5);
    const turn = await session.turn('one margherita please');
    assert.match(turn.reply, /margherita is sold out/i);

    const cleared = await api.call({
      method: 'DELETE',
      url: `/v1/tenants/${tenantId}/locations/${locationId}/kitchen/sold-out/margherita`,
      token: api.a.tokens.operator,
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    await waitFor('the un-86 to reach the session', async () => !(await soldOut()), 2000, 5);
  });

  it('reconnects after its LISTEN connection is killed, and drops what it may have missed', async () => {
    const tenantId = api.a.tenantId;
    const { locationId } = await seedLocation(test.db, tenantId);
    const engine = new ContextEngine(new ToolRunner(new PostgresLocationSource(test.db)), {
      ttlMs: 600_000,
    });
    const stop = new AbortController();
    try {
      await listenForContextInvalidation(test.db.pool, engine, stop.signal);
      const soldOut = async () =>
        (await engine.get(tenantId, locationId)).kitchen.unavailable_item_ids.includes(
          'margherita',
        );
      assert.equal(await soldOut(), false);
      const listeners = () =>
        test.owner.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = current_database() and query = $1`,
          [`listen ${contextInvalidationChannel}`],
        );
      const [before] = (await listeners()).rows;
      assert.ok(before, 'a LISTEN connection');
      await test.owner.query('select pg_terminate_backend($1)', [before.pid]);
      // Changed while nobody listens: only the reconnect's full invalidation can show it.
      const marked = await api.call({
        method: 'POST',
        url: `/v1/tenants/${tenantId}/locations/${locationId}/kitchen/sold-out`,
        token: api.a.tokens.operator,
        payload: { itemId: 'margherita' },
      });
      assert.equal(marked.statusCode, 200, marked.body);
      await waitFor('the listener to come back', async () =>
        (await listeners()).rows.some((row) => row.pid !== before.pid),
      );
      await waitFor('the missed 86 to be seen', soldOut, 5000, 20);
      // And notifications flow again on the new connection.
      const cleared = await api.call({
        method: 'DELETE',
        url: `/v1/tenants/${tenantId}/locations/${locationId}/kitchen/sold-out/margherita`,
        token: api.a.tokens.operator,
      });
      assert.equal(cleared.statusCode, 200, cleared.body);
      await waitFor('the un-86 to arrive by NOTIFY', async () => !(await soldOut()), 5000, 20);
    } finally {
      stop.abort();
    }
  });
});
