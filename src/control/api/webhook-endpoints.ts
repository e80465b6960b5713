import { z } from 'zod';
import { EventType } from '../../contracts/events/event-type.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, operators } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import { endpointHostProblem } from '../webhooks/endpoint-url-policy.ts';
import { resendEvents } from '../webhooks/resend-events.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  readWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpoint as EndpointRecord,
} from '../webhooks/webhook-endpoint-store.ts';
import { TenantParams, listOf } from './schemas.ts';

const json = 'application/json';
const timestamp = z.string().meta({ format: 'date-time' });
const endpointsPath = '/v1/tenants/{tenantId}/webhook-endpoints';
const EndpointParams = TenantParams.extend({ endpointId: z.uuid() });

export const WebhookEndpoint = z
  .strictObject({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(EventType),
    enabled: z.boolean(),
    disabledReason: z
      .enum(['gone', 'operator'])
      .nullable()
      .meta({ description: '`gone`: the receiver answered 410; `operator`: disabled by hand' }),
    previousSecretExpiresAt: timestamp.nullable(),
    revision: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });

export const IssuedWebhookSecret = z
  .strictObject({
    secret: z
      .string()
      .meta({ description: 'The signing secret (whsec_…), shown this once: store it now' }),
    record: WebhookEndpoint,
  })
  .meta({ id: 'IssuedWebhookSecret' });

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .max(2000)
  .superRefine((url, context) => {
    const problem = endpointHostProblem(url);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ example: 'https://pos.example.com/hooks/voxeron' });
const eventTypes = z
  .array(EventType)
  .min(1)
  .max(EventType.options.length)
  .transform((types) => [...new Set(types)]);

export const WebhookEndpointCreate = z
  .strictObject({
    url: httpsUrl,
    description: z.string().trim().min(1).max(500).optional(),
    eventTypes,
  })
  .meta({ id: 'WebhookEndpointCreate' });

export const WebhookEndpointPatch = z
  .strictObject({
    url: httpsUrl.optional(),
    description: z.string().trim().min(1).max(500).nullable().optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'WebhookEndpointPatch' });

export const WebhookSecretRotate = z
  .strictObject({
    overlapMinutes: z
      .number()
      .int()
      .min(0)
      .max(10_080)
      .default(1440)
      .meta({ description: 'How long the previous secret keeps signing too' }),
  })
  .meta({ id: 'WebhookSecretRotate' });

export const WebhookResend = z
  .strictObject({
    fromPosition: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Resend events after this position' }),
    toPosition: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(1000).default(500),
  })
  .meta({ id: 'WebhookResend' });

export const WebhookResendResult = z
  .strictObject({
    enqueued: z.number().int(),
    lastPosition: z.number().int(),
    nextFromPosition: z.number().int().nullable(),
  })
  .meta({ id: 'WebhookResendResult' });

const etag = (endpoint: EndpointRecord) => etagOf('webhook-endpoint', endpoint.revision);
const versioned = { description: 'The endpoint', content: { [json]: WebhookEndpoint }, etag: true };

export const listWebhookEndpointsRoute = tenantRoute({
  operationId: 'listWebhookEndpoints',
  method: 'GET',
  path: endpointsPath,
  summary: "List the tenant's webhook endpoints (never their secrets)",
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: admins,
  scope: 'webhooks:read',
  params: TenantParams,
  responses: {
    200: {
      description: 'The endpoints',
      content: { [json]: listOf(WebhookEndpoint, 'WebhookEndpointList') },
    },
  },
  async handle({ tx }) {
    return { status: 200, body: { items: await listWebhookEndpoints(tx) } };
  },
});

export const createWebhookEndpointRoute = tenantRoute({
  operationId: 'createWebhookEndpoint',
  method: 'POST',
  path: endpointsPath,
  summary: 'Register a webhook endpoint; its signing secret is in this response only',
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: admins,
  scope: 'webhooks:write',
  params: TenantParams,
  body: { [json]: WebhookEndpointCreate },
  responses: { 201: { description: 'Registered', content: { [json]: IssuedWebhookSecret } } },
  problems: [422],
  async handle({ tx, body, principal, requestId, secrets }) {
    const issued = await createWebhookEndpoint(tx, secrets, body);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'webhook_endpoint.create',
      resourceType: 'webhook_endpoint',
      resourceId: issued.record.id,
      before: null,
      after: issued.record,
      requestId,
    });
    return { status: 201, body: issued, etag: etag(issued.record) };
  },
});

export const getWebhookEndpointRoute = tenantRoute({
  operationId: 'getWebhookEndpoint',
  method: 'GET',
  path: `${endpointsPath}/{endpointId}`,
  summary: 'Read a webhook endpoint',
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: admins,
  scope: 'webhooks:read',
  params: EndpointParams,
  responses: { 200: versioned },
  async handle({ tx, params }) {
    const endpoint = await readWebhookEndpoint(tx, params.endpointId);
    return { status: 200, body: endpoint, etag: etag(endpoint) };
  },
});

export const updateWebhookEndpointRoute = tenantRoute({
  operationId: 'updateWebhookEndpoint',
  method: 'PATCH',
  path: `${endpointsPath}/{endpointId}`,
  summary: 'Change an endpoint, or disable/re-enable it (If-Match required)',
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: admins,
  scope: 'webhooks:write',
  params: EndpointParams,
  body: { [json]: WebhookEndpointPatch },
  ifMatch: true,
  responses: { 200: versioned },
  problems: [422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    const before = await readWebhookEndpoint(tx, params.endpointId, true);
    checkIfMatch(ifMatch, etag(before));
    const after = await updateWebhookEndpoint(tx, before, body);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'webhook_endpoint.update',
      resourceType: 'webhook_endpoint',
      resourceId: before.id,
      before,
      after,
      requestId,
    });
    return { status: 200, body: after, etag: etag(after) };
  },
});

export const rotateWebhookSecretRoute = tenantRoute({
  operationId: 'rotateWebhookSecret',
  method: 'POST',
  path: `${endpointsPath}/{endpointId}/rotate-secret`,
  summary: 'A new signing secret now; the old one also signs until the overlap ends',
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: admins,
  scope: 'webhooks:write',
  params: EndpointParams,
  body: { [json]: WebhookSecretRotate },
  responses: { 200: { description: 'The new secret', content: { [json]: IssuedWebhookSecret } } },
  problems: [422],
  async handle({ tx, params, body, principal, requestId, secrets }) {
    const before = await readWebhookEndpoint(tx, params.endpointId, true);
    const rotated = await rotateWebhookSecret(tx, secrets, before.id, body.overlapMinutes);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'webhook_endpoint.rotate_secret',
      resourceType: 'webhook_endpoint',
      resourceId: before.id,
      before,
      after: rotated.record,
      requestId,
    });
    return { status: 200, body: rotated, etag: etag(rotated.record) };
  },
});

export const deleteWebhookEndpointRoute = tenantRoute({
  operationId: 'deleteWebhookEndpoint',
  method: 'DELETE',
  path: `${endpointsPath}/{endpointId}`,
  summary: 'Delete an endpoint; pending deliveries to it dead-letter',
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: admins,
  scope: 'webhooks:write',
  params: EndpointParams,
  responses: { 204: { description: 'Deleted' } },
  async handle({ tx, params, principal, requestId }) {
    const before = await readWebhookEndpoint(tx, params.endpointId, true);
    await deleteWebhookEndpoint(tx, before.id);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'webhook_endpoint.delete',
      resourceType: 'webhook_endpoint',
      resourceId: before.id,
      before,
      after: null,
      requestId,
    });
    return { status: 204 };
  },
});

export const resendWebhookEventsRoute = tenantRoute({
  operationId: 'resendWebhookEvents',
  method: 'POST',
  path: `${endpointsPath}/{endpointId}/resend`,
  summary: 'Resend the events after a position to one endpoint (new webhook-ids)',
  tag: 'webhooks',
  tenancy: 'tenant',
  roles: operators,
  scope: 'webhooks:write',
  params: EndpointParams,
  body: { [json]: WebhookResend },
  responses: {
    202: { description: 'Deliveries enqueued', content: { [json]: WebhookResendResult } },
  },
  problems: [409, 422],
  async handle({ tx, params, body, principal, requestId }) {
    const endpoint = await readWebhookEndpoint(tx, params.endpointId);
    if (!endpoint.enabled) {
      throw new HttpProblem(409, 'conflict', 'the endpoint is disabled: enable it first', [
        { path: 'endpointId', message: `disabled (${endpoint.disabledReason ?? 'unknown'})` },
      ]);
    }
    const outcome = await resendEvents(tx, endpoint, body, requestId);
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'webhook_endpoint.resend',
      resourceType: 'webhook_endpoint',
      resourceId: endpoint.id,
      before: null,
      after: { ...body, ...outcome },
      requestId,
    });
    return { status: 202, body: outcome };
  },
});
