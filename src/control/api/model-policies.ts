import { z } from 'zod';
import { ModelPolicy, PolicyMatch, PolicyRouting } from '../../contracts/routing/index.ts';
import type { Tx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { writePlatformAudit } from '../audit/write-platform-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { platformOnly } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { platformRoute } from '../http/route-spec.ts';

const json = 'application/json';

/** A policy as written: the routing contract's row without its id (the server assigns it). */
const ModelPolicyInput = ModelPolicy.omit({ id: true }).meta({ id: 'ModelPolicyInput' });
type ModelPolicyInput = z.infer<typeof ModelPolicyInput>;

const ModelPolicyView = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    priority: z.number().int(),
    match: PolicyMatch,
    routing: PolicyRouting,
    enabled: z.boolean(),
    revision: z.number().int(),
    updatedAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'ModelPolicyView' });
type ModelPolicyView = z.infer<typeof ModelPolicyView>;

const PolicyParams = z.strictObject({ policyId: z.uuid() });

interface PolicyRow {
  id: string;
  name: string;
  priority: number;
  match: unknown;
  routing: unknown;
  enabled: boolean;
  revision: string;
  updated_at: Date;
}

const toView = (row: PolicyRow): ModelPolicyView => ({
  id: row.id,
  name: row.name,
  priority: row.priority,
  match: PolicyMatch.parse(row.match),
  routing: PolicyRouting.parse(row.routing),
  enabled: row.enabled,
  revision: Number(row.revision),
  updatedAt: row.updated_at.toISOString(),
});
const policyEtag = (policy: ModelPolicyView) => etagOf('model-policy', policy.revision);
const versioned = { description: 'The policy', content: { [json]: ModelPolicyView }, etag: true };

async function readPolicy(tx: Tx, id: string, lock = false): Promise<ModelPolicyView> {
  const found = await tx.query<PolicyRow>(
    `select * from model_policies where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  if (!found.rows[0]) throw notFound('model policy');
  return toView(found.rows[0]);
}

const nameTaken = (name: string) =>
  new HttpProblem(409, 'conflict', `a policy named "${name}" exists`, [
    { path: '$.name', message: 'already in use' },
  ]);

/** Runs `work`, turning the unique-name violation into a 409 with its field. */
async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw nameTaken(name);
    throw error;
  }
}

async function writePolicy(
  tx: Tx,
  id: string,
  body: ModelPolicyInput,
  before: ModelPolicyView | null,
): Promise<ModelPolicyView> {
  const values = [
    id,
    body.name,
    body.priority,
    JSON.stringify(body.match),
    JSON.stringify(body.routing),
    body.enabled,
  ];
  await tx.query(
    before
      ? `update model_policies set name = $2, priority = $3, match = $4, routing = $5, enabled = $6,
           revision = revision + 1, updated_at = now() where id = $1`
      : `insert into model_policies (id, name, priority, match, routing, enabled) values ($1, $2, $3, $4, $5, $6)`,
    values,
  );
  return readPolicy(tx, id);
}

export const listModelPolicies = platformRoute({
  operationId: 'listModelPolicies',
  method: 'GET',
  path: '/v1/model-policies',
  summary: 'Model routing policies, in the order the router tries them',
  tag: 'model-policies',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'routing:read',
  params: z.object({}),
  responses: {
    200: {
      description: 'The policies',
      content: { [json]: z.strictObject({ policies: z.array(ModelPolicyView) }) },
    },
  },
  async handle({ db }) {
    const rows = await db.withoutTenant((tx) =>
      tx.query<PolicyRow>('select * from model_policies order by priority, name'),
    );
    return { status: 200, body: { policies: rows.rows.map(toView) } };
  },
});

export const createModelPolicy = platformRoute({
  operationId: 'createModelPolicy',
  method: 'POST',
  path: '/v1/model-policies',
  summary: 'Create a model routing policy (per tier/locale/sector, cost caps, latency budgets)',
  tag: 'model-policies',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'routing:write',
  params: z.object({}),
  body: { [json]: ModelPolicyInput },
  responses: { 201: { ...versioned, description: 'Created' } },
  problems: [409, 422],
  async handle({ db, body, principal, requestId }) {
    const policy = await uniqueName(body.name, () =>
      db.withoutTenant(async (tx) => {
        const created = await writePolicy(tx, newId(), body, null);
        await writePlatformAudit(tx, {
          actor: actorOf(principal),
          action: 'model_policy.create',
          resourceType: 'model_policy',
          resourceId: created.id,
          before: null,
          after: created,
          requestId,
        });
        return created;
      }),
    );
    return {
      status: 201,
      body: policy,
      etag: policyEtag(policy),
      headers: { location: `/v1/model-policies/${policy.id}` },
    };
  },
});

export const getModelPolicy = platformRoute({
  operationId: 'getModelPolicy',
  method: 'GET',
  path: '/v1/model-policies/{policyId}',
  summary: 'Read a model routing policy',
  tag: 'model-policies',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'routing:read',
  params: PolicyParams,
  responses: { 200: versioned },
  async handle({ db, params }) {
    const policy = await db.withoutTenant((tx) => readPolicy(tx, params.policyId));
    return { status: 200, body: policy, etag: policyEtag(policy) };
  },
});

export const replaceModelPolicy = platformRoute({
  operationId: 'replaceModelPolicy',
  method: 'PUT',
  path: '/v1/model-policies/{policyId}',
  summary: 'Replace a model routing policy (If-Match required)',
  tag: 'model-policies',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'routing:write',
  params: PolicyParams,
  body: { [json]: ModelPolicyInput },
  ifMatch: true,
  responses: { 200: versioned },
  problems: [409, 422],
  async handle({ db, params, body, ifMatch, principal, requestId }) {
    const policy = await uniqueName(body.name, () =>
      db.withoutTenant(async (tx) => {
        const before = await readPolicy(tx, params.policyId, true);
        checkIfMatch(ifMatch, policyEtag(before));
        const after = await writePolicy(tx, params.policyId, body, before);
        await writePlatformAudit(tx, {
          actor: actorOf(principal),
          action: 'model_policy.update',
          resourceType: 'model_policy',
          resourceId: after.id,
          before,
          after,
          requestId,
        });
        return after;
      }),
    );
    return { status: 200, body: policy, etag: policyEtag(policy) };
  },
});

export const deleteModelPolicy = platformRoute({
  operationId: 'deleteModelPolicy',
  method: 'DELETE',
  path: '/v1/model-policies/{policyId}',
  summary: 'Delete a model routing policy',
  tag: 'model-policies',
  tenancy: 'platform',
  roles: platformOnly,
  scope: 'routing:write',
  params: PolicyParams,
  responses: { 204: { description: 'Deleted' } },
  async handle({ db, params, principal, requestId }) {
    await db.withoutTenant(async (tx) => {
      const before = await readPolicy(tx, params.policyId, true);
      await tx.query('delete from model_policies where id = $1', [params.policyId]);
      await writePlatformAudit(tx, {
        actor: actorOf(principal),
        action: 'model_policy.delete',
        resourceType: 'model_policy',
        resourceId: before.id,
        before,
        after: null,
        requestId,
      });
    });
    return { status: 204 };
  },
});
