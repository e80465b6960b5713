import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing/test-database.ts';
import { createApiFixture, type ApiFixture } from '../testing/api-fixture.ts';
import { createTenantToken } from './token-store.ts';

let test: TestDatabase;
let api: ApiFixture;
before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
});
after(async () => {
  await api.app.close();
  await test.close();
});

const tenantUrl = () => `/v1/tenants/${api.a.tenantId}`;
const problemType = (body: string) => (JSON.parse(body) as { type: string }).type.split(':').pop();

describe('token authentication', () => {
  it('names the precise reason: missing, malformed, unknown', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'token-missing'],
      ['Basic abc', 'token-malformed'],
      ['Bearer not-a-token', 'token-malformed'],
      [`Bearer vx_0123abcd_${'A'.repeat(43)}`, 'token-unknown'],
    ];
    for (const [authorization, kind] of cases) {
      const response = await api.app.inject({
        method: 'GET',
        url: tenantUrl(),
        headers: authorization ? { authorization } : {},
      });
      assert.equal(response.statusCode, 401, authorization);
      assert.equal(problemType(response.body), kind);
      assert.match(String(response.headers['www-authenticate']), /^Bearer realm="voxeron"/);
    }
  });

  it('refuses expired and revoked tokens with 401, and a token without the scope with 403', async () => {
    const { expired, scoped } = await test.db.withTenant(api.a.tenantId, async (tx) => {
      const e = await createTenantToken(tx, { name: 'old', role: 'viewer' });
      await tx.query(
        `update api_tokens set expires_at = now() - interval '1 minute' where id = $1`,
        [e.record.id],
      );
      const s = await createTenantToken(tx, {
        name: 'menus only',
        role: 'viewer',
        scopes: ['menus:read'],
      });
      return { expired: e.token, scoped: s.token };
    });
    const old = await api.call({ method: 'GET', url: tenantUrl(), token: expired });
    assert.equal(old.statusCode, 401);
    assert.equal(problemType(old.body), 'token-expired');
    const noScope = await api.call({ method: 'GET', url: tenantUrl(), token: scoped });
    assert.equal(noScope.statusCode, 403);
    assert.equal(problemType(noScope.body), 'scope-missing');
    const admin = api.a.tokens.tenant_admin;
    const issued = await api.call({
      method: 'POST',
      url: `${tenantUrl()}/tokens`,
      token: admin,
      payload: { name: 'ci', role: 'operator' },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    const { token, record } = issued.json<{ token: string; record: { id: string } }>();
    assert.equal((await api.call({ method: 'GET', url: tenantUrl(), token })).statusCode, 200);
    const revoked = await api.call({
      method: 'DELETE',
      url: `${tenantUrl()}/tokens/${record.id}`,
      token: admin,
    });
    assert.equal(revoked.statusCode, 200);
    const after = await api.call({ method: 'GET', url: tenantUrl(), token });
    assert.equal(after.statusCode, 401);
    assert.equal(problemType(after.body), 'token-revoked');
  });

  it('rotation: the new token works at once, the old one until the overlap ends', async () => {
    const admin = api.a.tokens.tenant_admin;
    const issued = await api.call({
      method: 'POST',
      url: `${tenantUrl()}/tokens`,
      token: admin,
      payload: { name: 'pos', role: 'viewer' },
    });
    const old = issued.json<{ token: string; record: { id: string } }>();
    const rotated = await api.call({
      method: 'POST',
      url: `${tenantUrl()}/tokens/${old.record.id}/rotate`,
      token: admin,
      payload: { overlapMinutes: 30 },
    });
    assert.equal(rotated.statusCode, 201, rotated.body);
    const fresh = rotated.json<{ token: string; record: { rotatedFrom: string } }>();
    assert.equal(fresh.record.rotatedFrom, old.record.id);
    assert.equal(
      (await api.call({ method: 'GET', url: tenantUrl(), token: fresh.token })).statusCode,
      200,
    );
    assert.equal(
      (await api.call({ method: 'GET', url: tenantUrl(), token: old.token })).statusCode,
      200,
    );
    await test.owner.query(
      `update api_tokens set expires_at = now() - interval '1 second' where id = $1`,
      [old.record.id],
    );
    assert.equal(
      (await api.call({ method: 'GET', url: tenantUrl(), token: old.token })).statusCode,
      401,
    );
    assert.equal(
      (await api.call({ method: 'GET', url: tenantUrl(), token: fresh.token })).statusCode,
      200,
    );
  });

  it('never returns token hashes, and lists only the own tenant’s tokens', async () => {
    const list = await api.call({
      method: 'GET',
      url: `${tenantUrl()}/tokens`,
      token: api.a.tokens.tenant_admin,
    });
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /hash/i);
    const other = await api.call({
      method: 'GET',
      url: `/v1/tenants/${api.b.tenantId}/tokens`,
      token: api.a.tokens.tenant_admin,
    });
    assert.equal(other.statusCode, 404);
  });
});
