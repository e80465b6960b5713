import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractViolationError } from '../common/contract-violation.ts';
import { exampleEvent } from '../testing/event-examples.ts';
import { EventEnvelope } from './envelope.ts';
import { EventType } from './event-type.ts';
import { parseEvent } from './parse-event.ts';

/** The issues `parseEvent` reports, as dotted paths; fails the test if the event is accepted. */
function rejection(input: unknown): { contract: string; paths: string[]; message: string } {
  try {
    parseEvent(input);
  } catch (error) {
    assert.ok(error instanceof ContractViolationError, `expected ContractViolationError: ${error}`);
    return {
      contract: error.contract,
      paths: error.issues.map((issue) => issue.path.join('.')),
      message: error.message,
    };
  }
  assert.fail(`accepted an invalid event: ${JSON.stringify(input)}`);
}

void describe('parseEvent', () => {
  void it('knows the eleven core events of §8.1 plus ActionStateChanged and VendorFailover', () => {
    assert.equal(EventType.options.length, 13);
    assert.ok(EventType.options.includes('ActionStateChanged'));
    assert.ok(EventType.options.includes('VendorFailover'));
  });

  void it('accepts an example of every event type and keeps it as it was', () => {
    for (const type of EventType.options) {
      const event = exampleEvent(type);
      const wire: unknown = JSON.parse(JSON.stringify(event));
      assert.deepEqual(parseEvent(wire), event);
      assert.equal(EventEnvelope.safeParse(wire).success, true);
    }
  });

  void it('rejects a payload that belongs to another type, with paths into the payload', () => {
    const escalated = exampleEvent('HumanEscalated');
    const mislabelled = { ...escalated, type: 'OrderCreated' };
    const { contract, paths } = rejection(mislabelled);
    assert.equal(contract, 'event OrderCreated');
    assert.ok(paths.length > 0 && paths.every((path) => path.startsWith('payload')), `${paths}`);
  });

  void it('names an unknown type and lists the known ones', () => {
    const { paths, message } = rejection({ ...exampleEvent('OrderCreated'), type: 'OrderEaten' });
    assert.deepEqual(paths, ['type']);
    assert.match(message, /unknown event type "OrderEaten"/);
    assert.match(message, /OrderDrafted/);
    assert.deepEqual(rejection(42).paths, ['type']);
  });

  void it('checks the envelope: version, ids, offset timestamps, no extra keys', () => {
    const event = exampleEvent('OrderCreated');
    assert.deepEqual(rejection({ ...event, version: 2 }).paths, ['version']);
    assert.deepEqual(rejection({ ...event, tenant_id: 'acme' }).paths, ['tenant_id']);
    assert.deepEqual(rejection({ ...event, occurred_at: '2025-05-02 18:04' }).paths, [
      'occurred_at',
    ]);
    const { correlation_id: _correlation, ...uncorrelated } = event;
    assert.deepEqual(rejection(uncorrelated).paths, ['correlation_id']);
    assert.deepEqual(rejection({ ...event, trace: 'x' }).paths, ['']);
    assert.equal(
      parseEvent({ ...event, session_id: null, causation_id: event.id }).session_id,
      null,
    );
  });

  void it('checks payload values: escalation modes, session outcomes', () => {
    const escalated = exampleEvent('HumanEscalated');
    assert.deepEqual(
      rejection({ ...escalated, payload: { ...escalated.payload, mode: 'hot' } }).paths,
      ['payload.mode'],
    );
    assert.deepEqual(
      rejection({
        ...escalated,
        payload: { ...escalated.payload, callback_at: '2025-05-02T19:00:00Z' },
      }).paths,
      ['payload.callback_at'],
    );
    const completed = exampleEvent('SessionCompleted');
    assert.deepEqual(
      rejection({ ...completed, payload: { ...completed.payload, outcome: 'abandoned' } }).paths,
      ['payload.outcome'],
    );
  });

  void it('accepts only action state changes the state machine allows', () => {
    const changed = exampleEvent('ActionStateChanged');
    const move = (from: string, event: string, to: string, actor = 'system') => ({
      ...changed,
      payload: { ...changed.payload, from, event, to, actor },
    });
    assert.equal(
      parseEvent(move('FAILED', 'schedule_retry', 'RETRYING')).type,
      'ActionStateChanged',
    );
    assert.equal(
      parseEvent(move('DEAD_LETTER', 'operator_retry', 'RETRYING', 'operator')).type,
      'ActionStateChanged',
    );
    assert.deepEqual(rejection(move('RETRYING', 'succeed', 'SUCCEEDED')).paths, ['payload.event']);
    assert.deepEqual(rejection(move('DEAD_LETTER', 'operator_retry', 'RETRYING')).paths, [
      'payload.event',
    ]);
    assert.deepEqual(rejection(move('PENDING', 'dispatch', 'SUCCEEDED')).paths, ['payload.to']);
  });
});
