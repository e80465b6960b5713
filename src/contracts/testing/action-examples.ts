/** A valid example action (a POS write-back waiting for its first dispatch). */
import type { z } from 'zod';
import type { Action } from '../actions/action.ts';
import { exampleIds } from './ids.ts';
import { exampleOrderDraft } from './tool-examples.ts';

export function exampleAction(): z.input<typeof Action> {
  return {
    id: exampleIds.action,
    tenant_id: exampleIds.tenant,
    session_id: exampleIds.session,
    correlation_id: exampleIds.correlation,
    type: 'create_pos_order',
    queue: 'pos',
    status: 'PENDING',
    payload: exampleOrderDraft(),
    result: null,
    idempotency_key: `order:${exampleIds.session}:1`,
    attempt: 0,
    max_attempts: 5,
    next_attempt_at: '2025-05-02T18:04:05Z',
    last_error: null,
    created_at: '2025-05-02T18:04:05Z',
    updated_at: '2025-05-02T18:04:05Z',
  };
}
