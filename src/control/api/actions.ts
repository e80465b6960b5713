import { z } from 'zod';
import { ActionStatus } from '../../contracts/actions/action-status.ts';
import { isIllegalTransition } from '../../contracts/actions/action-transitions.ts';
import { formatPath, isContractViolation } from '../../contracts/common/contract-violation.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { operators } from '../auth/roles.ts';
import { checkIfMatch, etagOf } from '../http/etag.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { tenantRoute } from '../http/route-spec.ts';
import {
  listDeadLetters,
  listStuckActions,
  readActionSummary,
  type ActionSummary as ActionRecord,
} from '../remediation/list-actions.ts';
import {
  StaleActionVersionError,
  cancelAction,
  editAndRetryAction,
  retryAction,
} from '../remediation/operator-actions.ts';
import { TenantParams, listOf } from './schemas.ts';

const json = 'application/json';
const timestamp = z.string().meta({ format: 'date-time' });
const actionsPath = '/v1/tenants/{tenantId}/actions';
const ActionParams = TenantParams.extend({ actionId: z.uuid() });

export const ActionSummary = z
  .strictObject({
    id: z.uuid(),
    type: z.string(),
    queue: z.string(),
    status: ActionStatus,
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
    idempotencyKey: z.string(),
    nextAttemptAt: timestamp,
    lockedBy: z.string().nullable(),
    lockedUntil: timestamp.nullable(),
    lastError: z
      .strictObject({ code: z.string(), message: z.string(), retryable: z.boolean() })
      .nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.string().meta({ description: 'Changes with every write; the ETag is built on it' }),
  })
  .meta({ id: 'ActionSummary' });

export const ActionListQuery = z.strictObject({
  status: z.enum(['dead_letter', 'stuck']),
  /** For `stuck`: due for longer than this without being claimed. */
  overdueSeconds: z.coerce.number().int().min(0).max(86_400).default(60),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const OperatorNote = z
  .strictObject({ note: z.string().trim().min(1).max(500).optional() })
  .meta({ id: 'OperatorNote' });

export const ActionEdit = z
  .strictObject({
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: "The corrected payload, validated by the action type's contract" }),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'ActionEdit' });

const actionEtag = (action: ActionRecord) => etagOf('action', action.version);
const moved = {
  description: 'The action after the move',
  content: { [json]: ActionSummary },
  etag: true,
};

/**
 * Runs one operator move and answers with the action; the move's domain errors become
 * problems: a move the state machine refuses is 409, a stale If-Match 412, an edited payload
 * outside its contract 422 with the field paths.
 */
async function move(
  tx: TenantTx,
  actionId: string,
  ifMatch: string | undefined,
  run: (expectedVersion: string | undefined) => Promise<unknown>,
) {
  const before = await readActionSummary(tx, actionId);
  if (!before) throw notFound('action');
  if (ifMatch !== undefined) checkIfMatch(ifMatch, actionEtag(before));
  try {
    // With If-Match, the version must still hold once the row is locked.
    await run(ifMatch !== undefined ? before.version : undefined);
  } catch (error) {
    if (isIllegalTransition(error)) {
      throw new HttpProblem(409, 'conflict', error.message, [
        { path: 'status', message: `${error.from}: ${error.message}` },
      ]);
    }
    if (error instanceof StaleActionVersionError) {
      throw new HttpProblem(412, 'precondition-failed', error.message);
    }
    if (isContractViolation(error)) {
      throw new HttpProblem(
        422,
        'validation-failed',
        error.message,
        error.issues.map((issue) => ({
          path: formatPath(['payload', ...issue.path]),
          message: issue.message,
        })),
      );
    }
    throw error;
  }
  const after = (await readActionSummary(tx, actionId))!;
  return { status: 200, body: after, etag: actionEtag(after) };
}

const operatorOf = (principal: Principal, requestId: string, note: string | undefined) => ({
  operator: actorOf(principal),
  note,
  requestId,
});

export const listActionsRoute = tenantRoute({
  operationId: 'listActions',
  method: 'GET',
  path: actionsPath,
  summary: 'List dead-lettered or stuck actions (payloads left out: they hold personal data)',
  tag: 'actions',
  tenancy: 'tenant',
  roles: operators,
  scope: 'actions:read',
  params: TenantParams,
  query: ActionListQuery,
  responses: {
    200: { description: 'The actions', content: { [json]: listOf(ActionSummary, 'ActionList') } },
  },
  async handle({ tx, query }) {
    const items =
      query.status === 'dead_letter'
        ? await listDeadLetters(tx, { limit: query.limit })
        : await listStuckActions(tx, {
            overdueMs: query.overdueSeconds * 1000,
            limit: query.limit,
          });
    return { status: 200, body: { items } };
  },
});

export const retryActionRoute = tenantRoute({
  operationId: 'retryAction',
  method: 'POST',
  path: `${actionsPath}/{actionId}/retry`,
  summary: 'Retry a dead-lettered action now, with 3 more attempts (If-Match optional)',
  tag: 'actions',
  tenancy: 'tenant',
  roles: operators,
  scope: 'actions:write',
  params: ActionParams,
  body: { [json]: OperatorNote },
  responses: { 200: moved },
  problems: [409, 412, 422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    return move(tx, params.actionId, ifMatch, (expectedVersion) =>
      retryAction(
        tx,
        { ...operatorOf(principal, requestId, body.note), expectedVersion },
        params.actionId,
      ),
    );
  },
});

export const cancelActionRoute = tenantRoute({
  operationId: 'cancelAction',
  method: 'POST',
  path: `${actionsPath}/{actionId}/cancel`,
  summary: 'Cancel a pending, failed or retrying action (If-Match optional)',
  tag: 'actions',
  tenancy: 'tenant',
  roles: operators,
  scope: 'actions:write',
  params: ActionParams,
  body: { [json]: OperatorNote },
  responses: { 200: moved },
  problems: [409, 412, 422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    return move(tx, params.actionId, ifMatch, (expectedVersion) =>
      cancelAction(
        tx,
        { ...operatorOf(principal, requestId, body.note), expectedVersion },
        params.actionId,
      ),
    );
  },
});

export const editAndRetryActionRoute = tenantRoute({
  operationId: 'editAndRetryAction',
  method: 'POST',
  path: `${actionsPath}/{actionId}/edit-and-retry`,
  summary: "Correct a dead-lettered action's payload and retry it (If-Match required)",
  tag: 'actions',
  tenancy: 'tenant',
  roles: operators,
  scope: 'actions:write',
  params: ActionParams,
  body: { [json]: ActionEdit },
  ifMatch: true,
  responses: { 200: moved },
  problems: [409, 422],
  async handle({ tx, params, body, ifMatch, principal, requestId }) {
    // A blind overwrite of a payload is what If-Match exists for: required here.
    return move(tx, params.actionId, ifMatch ?? '', (expectedVersion) =>
      editAndRetryAction(
        tx,
        { ...operatorOf(principal, requestId, body.note), expectedVersion },
        params.actionId,
        body.payload,
      ),
    );
  },
});
