import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { Database } from '../../platform/db/index.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { silentLogger } from '../../platform/log/index.ts';
import { createMetricsRegistry } from '../../platform/metrics/index.ts';
import { createHttpServer } from './create-http-server.ts';
import { testSecretBox } from '../../platform/crypto/testing/test-secret-box.ts';

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(async () => {
  await test.close();
});

describe('health endpoints', () => {
  it('reports live, ready and metrics while the database answers', async () => {
    const app = createHttpServer({
      db: test.db,
      secrets: testSecretBox,
      logger: silentLogger,
      metrics: createMetricsRegistry(),
      version: 'test',
    });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok', version: 'test' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /voxeron_process_cpu_seconds_total/);
    await app.close();
  });

  it('is not ready when the database is unreachable, and says so with 503', async () => {
    const unreachable = new Database(
      new pg.Pool({
        connectionString: 'postgres://nobody:x@127.0.0.1:1/none',
        connectionTimeoutMillis: 500,
      }),
    );
    const app = createHttpServer({
      db: unreachable,
      secrets: testSecretBox,
      logger: silentLogger,
      metrics: createMetricsRegistry({ defaultMetrics: false }),
      version: 'test',
    });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ready.json(), { status: 'not_ready', checks: { database: 'unavailable' } });
    await app.close();
    await unreachable.close();
  });
});
