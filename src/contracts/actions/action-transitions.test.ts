import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ActionStatus } from './action-status.ts';
import { ActionStatus as ActionStatusSchema, isTerminal } from './action-status.ts';
import type { ActionActor, ActionEvent } from './action-transitions.ts';
import {
  ActionEvent as ActionEventSchema,
  AllowedActionTransition,
  IllegalTransitionError,
  actionTransitions,
  canTransition,
  isIllegalTransition,
  transition,
} from './action-transitions.ts';

const statuses = ActionStatusSchema.options;
const events = ActionEventSchema.options;
const actors: readonly ActionActor[] = ['system', 'operator'];

// §8.3 written out independently of the implementation's table: `from event → to`.
const expectedSystemMoves = new Map<string, ActionStatus>([
  ['PENDING dispatch', 'DISPATCHED'],
  ['PENDING cancel', 'CANCELED'],
  ['DISPATCHED succeed', 'SUCCEEDED'],
  ['DISPATCHED fail', 'FAILED'],
  ['FAILED schedule_retry', 'RETRYING'],
  ['FAILED give_up', 'DEAD_LETTER'],
  ['RETRYING dispatch', 'DISPATCHED'],
]);
// Operator remediation, on top of everything the system may do.
const expectedOperatorOnlyMoves = new Map<string, ActionStatus>([
  ['FAILED cancel', 'CANCELED'],
  ['RETRYING cancel', 'CANCELED'],
  ['DEAD_LETTER operator_retry', 'RETRYING'],
]);

function expectedTarget(
  from: ActionStatus,
  event: ActionEvent,
  actor: ActionActor,
): ActionStatus | undefined {
  const key = `${from} ${event}`;
  return (
    expectedSystemMoves.get(key) ??
    (actor === 'operator' ? expectedOperatorOnlyMoves.get(key) : undefined)
  );
}

// Every path the blueprint allows, as a regular language over statuses. "RETRYING → SUCCEEDED"
// is read as RETRYING → DISPATCHED → SUCCEEDED. Paths may stop anywhere (prefixes).
const systemPaths =
  /^PENDING( CANCELED| DISPATCHED( FAILED RETRYING DISPATCHED)*( SUCCEEDED| FAILED( DEAD_LETTER| RETRYING)?)?)?$/;
const remediatedPaths =
  /^PENDING( CANCELED| DISPATCHED( FAILED( DEAD_LETTER)? RETRYING DISPATCHED)*( SUCCEEDED| FAILED(( DEAD_LETTER)? RETRYING( CANCELED)?| DEAD_LETTER| CANCELED)?)?)?$/;

interface Step {
  event: ActionEvent;
  actor: ActionActor;
}

/** Applies steps from PENDING; illegal steps must throw and leave the status as it was. */
function run(steps: readonly Step[]): ActionStatus[] {
  let status: ActionStatus = 'PENDING';
  const path: ActionStatus[] = [status];
  for (const { event, actor } of steps) {
    const expected = expectedTarget(status, event, actor);
    if (expected === undefined) {
      assert.throws(
        () => transition({ status }, event, actor),
        (error: unknown) =>
          error instanceof IllegalTransitionError &&
          error.from === status &&
          error.event === event &&
          error.actor === actor,
      );
      continue;
    }
    const next = transition({ status }, event, actor);
    assert.equal(next, expected, `${status} --${event}/${actor}-->`);
    if (isTerminal(status)) {
      // Leaving a terminal status is the operator's retry of a dead letter, and nothing else.
      assert.deepEqual([status, event, actor], ['DEAD_LETTER', 'operator_retry', 'operator']);
    }
    status = next;
    path.push(status);
  }
  return path;
}

void describe('action state machine v1', () => {
  void it('accepts exactly the §8.3 moves plus operator remediation, for every status × event × actor', () => {
    for (const from of statuses) {
      for (const event of events) {
        for (const actor of actors) {
          const expected = expectedTarget(from, event, actor);
          assert.equal(canTransition(from, event, actor), expected !== undefined);
          if (expected === undefined) {
            assert.throws(() => transition({ status: from }, event, actor), IllegalTransitionError);
          } else {
            assert.equal(transition({ status: from }, event, actor), expected);
          }
        }
      }
    }
  });

  void it('has exactly 7 statuses and a table of 10 rows without duplicates', () => {
    assert.deepEqual([...statuses].sort(), [
      'CANCELED',
      'DEAD_LETTER',
      'DISPATCHED',
      'FAILED',
      'PENDING',
      'RETRYING',
      'SUCCEEDED',
    ]);
    assert.equal(actionTransitions.length, 10);
    const keys = new Set(actionTransitions.map((row) => `${row.from} ${row.event}`));
    assert.equal(keys.size, actionTransitions.length);
  });

  void it('keeps random event sequences on the paths of §8.3 (system only)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 40 }), (sequence) => {
        const path = run(sequence.map((event) => ({ event, actor: 'system' })));
        assert.match(path.join(' '), systemPaths);
      }),
      { numRuns: 2000 },
    );
  });

  void it('keeps random sequences with operator moves on §8.3 paths plus remediation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ event: fc.constantFrom(...events), actor: fc.constantFrom(...actors) }),
          { maxLength: 40 },
        ),
        (steps) => {
          const path = run(steps);
          assert.match(path.join(' '), remediatedPaths);
        },
      ),
      { numRuns: 2000 },
    );
  });

  void it('finds every system path of §8.3 reachable, and SUCCEEDED only straight from DISPATCHED', () => {
    const reached = new Set<ActionStatus>(['PENDING']);
    const frontier: ActionStatus[] = ['PENDING'];
    for (let from = frontier.pop(); from !== undefined; from = frontier.pop()) {
      for (const event of events) {
        if (!canTransition(from, event)) continue;
        const to = transition({ status: from }, event);
        if (to === 'SUCCEEDED') assert.equal(from, 'DISPATCHED');
        if (!reached.has(to)) {
          reached.add(to);
          frontier.push(to);
        }
      }
    }
    assert.deepEqual([...reached].sort(), [...statuses].sort());
  });

  void it('treats SUCCEEDED, CANCELED and DEAD_LETTER as terminal, the rest as not', () => {
    assert.deepEqual(statuses.filter((status) => isTerminal(status)).sort(), [
      'CANCELED',
      'DEAD_LETTER',
      'SUCCEEDED',
    ]);
    for (const status of ['SUCCEEDED', 'CANCELED'] as const) {
      for (const event of events) {
        for (const actor of actors) assert.equal(canTransition(status, event, actor), false);
      }
    }
  });

  void it('tells an operator-only move apart from an impossible one', () => {
    assert.throws(
      () => transition({ status: 'DEAD_LETTER' }, 'operator_retry'),
      (error: unknown) => isIllegalTransition(error) && /only an operator/.test(error.message),
    );
    assert.equal(transition({ status: 'DEAD_LETTER' }, 'operator_retry', 'operator'), 'RETRYING');
    assert.throws(
      () => transition({ status: 'SUCCEEDED' }, 'fail', 'operator'),
      (error: unknown) =>
        isIllegalTransition(error) && error.from === 'SUCCEEDED' && error.event === 'fail',
    );
  });

  void it('publishes the table as a schema that accepts exactly its rows', () => {
    for (const from of statuses) {
      for (const event of events) {
        for (const to of statuses) {
          for (const actor of actors) {
            const isRow = actionTransitions.some(
              (row) =>
                row.from === from && row.event === event && row.to === to && row.actor === actor,
            );
            assert.equal(
              AllowedActionTransition.safeParse({ from, event, to, actor }).success,
              isRow,
              `${from} ${event} ${to} ${actor}`,
            );
          }
        }
      }
    }
  });
});
