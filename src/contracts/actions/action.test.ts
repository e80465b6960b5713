import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleAction } from '../testing/action-examples.ts';
import { exampleIds } from '../testing/ids.ts';
import { Action } from './action.ts';
import { queueForActionType } from './action-type.ts';

function issuePaths(input: unknown): string[] {
  const result = Action.safeParse(input);
  assert.equal(result.success, false, 'expected the action to be rejected');
  return result.error!.issues.map((issue) => issue.path.join('.'));
}

void describe('Action v1', () => {
  void it('accepts a pending POS write-back with its order draft as payload', () => {
    const action = Action.parse(exampleAction());
    assert.equal(action.queue, queueForActionType[action.type]);
  });

  void it('rejects a queue that does not belong to the action type', () => {
    assert.deepEqual(issuePaths({ ...exampleAction(), queue: 'printer' }), ['queue']);
  });

  void it('validates the payload against the action type', () => {
    const action = { ...exampleAction(), type: 'webhook', queue: 'webhook' };
    assert.ok(issuePaths(action).some((path) => path.startsWith('payload')));
    const webhook = {
      ...action,
      result: { status_code: 204 },
      payload: {
        endpoint_id: exampleIds.endpoint,
        url: 'https://pos.example.com/hooks/voxeron',
        event_id: exampleIds.event,
        event_type: 'OrderCreated',
      },
    };
    assert.equal(Action.safeParse(webhook).success, true);
    assert.deepEqual(
      issuePaths({ ...webhook, payload: { ...webhook.payload, url: 'http://pos.example.com/' } }),
      ['payload.url'],
    );
  });

  void it('checks status invariants: attempts, result, last error', () => {
    assert.deepEqual(issuePaths({ ...exampleAction(), attempt: 1 }), ['attempt']);
    const succeeded = { ...exampleAction(), status: 'SUCCEEDED', attempt: 1 };
    assert.deepEqual(issuePaths(succeeded), ['result']);
    const result = {
      status: 'accepted',
      order_reference: 'A-1042',
      pos_order_id: 'pos-88121',
      estimated_ready_at: null,
    };
    assert.equal(Action.safeParse({ ...succeeded, result }).success, true);
    assert.deepEqual(issuePaths({ ...succeeded, result: { ...result, status: 'queued' } }), [
      'result.status',
    ]);
    assert.deepEqual(issuePaths({ ...exampleAction(), status: 'DEAD_LETTER', attempt: 5 }), [
      'last_error',
    ]);
  });

  void it('rejects unknown keys and unknown statuses', () => {
    assert.deepEqual(issuePaths({ ...exampleAction(), priority: 1 }), ['']);
    assert.deepEqual(issuePaths({ ...exampleAction(), status: 'DONE' }), ['status']);
  });
});
