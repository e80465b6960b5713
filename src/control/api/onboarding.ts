import { z } from 'zod';
import type { TenantTx } from '../../platform/db/index.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actorOf } from '../auth/principal.ts';
import { admins, anyRole } from '../auth/roles.ts';
import { notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import {
  ConfirmableStep,
  OnboardingChecklist,
  onboardingChecklist,
} from '../onboarding/onboarding-checklist.ts';
import { LocationParams } from './schemas.ts';

const json = 'application/json';
const checklistResponse = {
  description: 'The checklist',
  content: { [json]: OnboardingChecklist },
};

async function checklistOf(tx: TenantTx, locationId: string) {
  const checklist = await onboardingChecklist(tx, locationId);
  if (!checklist) throw notFound('location');
  return checklist;
}

export const getOnboarding = tenantRoute({
  operationId: 'getOnboarding',
  method: 'GET',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/onboarding',
  summary: "The location's onboarding checklist (§15), each step's status from real state",
  tag: 'onboarding',
  tenancy: 'tenant',
  roles: anyRole,
  scope: 'onboarding:read',
  params: LocationParams,
  responses: { 200: checklistResponse },
  async handle({ tx, params }) {
    return { status: 200, body: await checklistOf(tx, params.locationId) };
  },
});

export const confirmOnboardingStep = tenantRoute({
  operationId: 'confirmOnboardingStep',
  method: 'POST',
  path: '/v1/tenants/{tenantId}/locations/{locationId}/onboarding/{step}/confirm',
  summary: 'Confirm a step nobody can check automatically (number forwarding, shadow mode)',
  tag: 'onboarding',
  tenancy: 'tenant',
  roles: admins,
  scope: 'onboarding:write',
  params: LocationParams.extend({ step: ConfirmableStep }),
  body: { [json]: z.strictObject({ note: z.string().max(500).optional() }) },
  responses: { 200: checklistResponse },
  async handle({ tx, params, body, principal, requestId }) {
    await checklistOf(tx, params.locationId);
    await tx.query(
      `insert into onboarding_confirmations (tenant_id, location_id, step, confirmed_by, note)
       values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, location_id, step)
       do update set confirmed_by = excluded.confirmed_by, confirmed_at = now(), note = excluded.note`,
      [tx.tenantId, params.locationId, params.step, actorOf(principal), body.note ?? null],
    );
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: 'onboarding.confirm',
      resourceType: 'location',
      resourceId: params.locationId,
      before: null,
      after: { step: params.step, note: body.note ?? null },
      requestId,
    });
    return { status: 200, body: await checklistOf(tx, params.locationId) };
  },
});
