import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { MenuV1Input } from '../../contracts/menu/index.ts';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { silentLogger } from '../../platform/log/index.ts';
import { createMetricsRegistry } from '../../platform/metrics/index.ts';
import type { TestDatabase } from '../../platform/db/testing/test-database.ts';
import type { TenantRole } from '../auth/roles.ts';
import { createPlatformAdminToken, createTenantToken } from '../auth/token-store.ts';
import { createHttpServer } from '../http/create-http-server.ts';
import { importMenu } from '../menus/import-menu.ts';
import { testSecretBox } from '../../platform/crypto/testing/test-secret-box.ts';

/** A small valid menu: two items, one size group. */
export const sampleMenu = (): MenuV1Input => ({
  format: 'voxeron.menu/v1',
  name: 'Test kitchen',
  currency: 'EUR',
  locale: 'en-US',
  modifierGroups: [
    {
      id: 'size',
      name: 'size',
      kind: 'size',
      min: 1,
      max: 1,
      default: 'regular',
      options: [
        { id: 'regular', name: 'regular' },
        { id: 'large', name: 'large', price: 2 },
      ],
    },
  ],
  items: [
    {
      id: 'margherita',
      name: 'Margherita',
      category: 'pizza',
      price: 9.5,
      modifierGroups: ['size'],
    },
    { id: 'cola', name: 'Cola', aliases: ['coke'], category: 'drinks', price: 2.5 },
  ],
});

export interface TenantFixture {
  tenantId: string;
  tokens: Record<TenantRole, string>;
}

export interface SeededLocation {
  locationId: string;
  routeId: string;
  tokenId: string;
}

/** Numbers in the fictional +3120 range, from a random start, never repeated in a process. */
let phoneSerial = Math.floor(Math.random() * 1e6);
/**
 * An E.164 number not used before in this process. Routes are unique per (tenant, address), and
 * the authorization matrix seeds hundreds per tenant: random draws collided now and then.
 */
export const randomPhone = () => `+3120${String(phoneSerial++ % 1e7).padStart(7, '0')}`;

export async function createTenantFixture(db: Database, label: string): Promise<TenantFixture> {
  const tenantId = newId();
  const tokens = await db.withTenant(tenantId, async (tx) => {
    await tx.query('insert into tenants (id, name, slug) values ($1, $2, $3)', [
      tenantId,
      `Tenant ${label}`,
      `${label}-${tenantId.slice(-8)}`,
    ]);
    const issued = {} as Record<TenantRole, string>;
    for (const role of ['tenant_admin', 'operator', 'viewer'] as const) {
      issued[role] = (await createTenantToken(tx, { name: role, role })).token;
    }
    return issued;
  });
  return { tenantId, tokens };
}

/** A location with kitchen status (item `cola` sold out), the sample menu, a route and a token. */
export async function seedLocation(db: Database, tenantId: string): Promise<SeededLocation> {
  return db.withTenant(tenantId, async (tx) => {
    const locationId = newId();
    const routeId = newId();
    await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      tenantId,
      locationId,
    ]);
    await tx.query(
      `insert into kitchen_status (tenant_id, location_id, sold_out_item_ids) values ($1, $2, '{cola}')`,
      [tenantId, locationId],
    );
    await importMenu(tx, locationId, parseMenuV1(sampleMenu()));
    await tx.query(
      `insert into routes (tenant_id, id, location_id, kind, address) values ($1, $2, $3, 'phone', $4)`,
      [tenantId, routeId, locationId, randomPhone()],
    );
    const token = await createTenantToken(tx, { name: 'spare', role: 'viewer' });
    return { locationId, routeId, tokenId: token.record.id };
  });
}

export interface ApiFixture {
  app: FastifyInstance;
  platformToken: string;
  a: TenantFixture;
  b: TenantFixture;
  call(options: InjectOptions & { token?: string | undefined }): Promise<LightMyRequestResponse>;
}

export async function createApiFixture(test: TestDatabase): Promise<ApiFixture> {
  const app = createHttpServer({
    db: test.db,
    secrets: testSecretBox,
    logger: silentLogger,
    metrics: createMetricsRegistry({ defaultMetrics: false }),
    version: 'test',
  });
  const platform = await createPlatformAdminToken(test.ownerUrl, 'tests', undefined);
  const a = await createTenantFixture(test.db, 'a');
  const b = await createTenantFixture(test.db, 'b');
  return {
    app,
    platformToken: platform.token,
    a,
    b,
    call: ({ token, headers, ...options }) =>
      app.inject({
        ...options,
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      }),
  };
}
