import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CountBreaker } from 'cockatiel';
import { ManualClock } from '../../platform/clock.ts';
import { CircuitBreakers, type CircuitState } from './circuit-breakers.ts';

const tenant = 'tenant-a';

function breakers(options: ConstructorParameters<typeof CircuitBreakers>[0] = {}) {
  const clock = new ManualClock();
  const changes: CircuitState[] = [];
  const circuits = new CircuitBreakers({
    failureThreshold: 3,
    openMs: 1000,
    maxOpenMs: 4000,
    clock,
    onStateChange: (_queue, _tenant, state) => changes.push(state),
    ...options,
  });
  return { circuits, clock, changes };
}

/** Lets the probe through and fails it. */
function failProbe(circuits: CircuitBreakers): void {
  assert.equal(circuits.tryAcquire('pos', tenant), true, 'one probe goes through');
  circuits.onFailure('pos', tenant);
}

void describe('circuit breakers', () => {
  void it('open after consecutive failures only: a success in between starts the count again', () => {
    const { circuits } = breakers();
    circuits.onFailure('pos', tenant);
    circuits.onFailure('pos', tenant);
    circuits.onSuccess('pos', tenant);
    circuits.onFailure('pos', tenant);
    circuits.onFailure('pos', tenant);
    assert.equal(circuits.state('pos', tenant), 'closed');
    circuits.onFailure('pos', tenant);
    assert.equal(circuits.state('pos', tenant), 'open');
    assert.deepEqual(circuits.deferredTenants('pos'), [tenant]);
    assert.deepEqual(circuits.deferredTenants('printer'), [], 'the printer queue is untouched');
    assert.equal(circuits.tryAcquire('pos', tenant), false);
  });

  void it('let one probe through when the open time is over; its success closes the circuit', () => {
    const { circuits, clock, changes } = breakers();
    for (let i = 0; i < 3; i++) circuits.onFailure('pos', tenant);
    clock.advance(999);
    assert.equal(circuits.state('pos', tenant), 'open');
    assert.equal(circuits.retryInMs('pos', tenant), 1);
    clock.advance(1);
    assert.equal(circuits.tryAcquire('pos', tenant), true);
    assert.equal(circuits.tryAcquire('pos', tenant), false, 'only one probe at a time');
    assert.deepEqual(circuits.deferredTenants('pos'), [tenant]);
    circuits.onSuccess('pos', tenant);
    assert.equal(circuits.state('pos', tenant), 'closed');
    assert.deepEqual(changes, ['open', 'half_open', 'closed']);
  });

  void it('stay open twice as long after each failed probe, up to the cap, and start again once closed', () => {
    const { circuits, clock } = breakers();
    for (let i = 0; i < 3; i++) circuits.onFailure('pos', tenant);
    const openTimes: number[] = [];
    for (let probe = 0; probe < 4; probe++) {
      openTimes.push(circuits.retryInMs('pos', tenant));
      clock.advance(circuits.retryInMs('pos', tenant));
      failProbe(circuits);
    }
    assert.deepEqual(openTimes, [1000, 2000, 4000, 4000]);
    clock.advance(circuits.retryInMs('pos', tenant));
    assert.equal(circuits.tryAcquire('pos', tenant), true);
    circuits.onSuccess('pos', tenant);
    for (let i = 0; i < 3; i++) circuits.onFailure('pos', tenant);
    assert.equal(circuits.retryInMs('pos', tenant), 1000, 'a new outage starts from openMs');
  });

  void it('release a probe that ended without a verdict, without closing or opening', () => {
    const { circuits, clock } = breakers();
    for (let i = 0; i < 3; i++) circuits.onFailure('pos', tenant);
    clock.advance(1000);
    assert.equal(circuits.tryAcquire('pos', tenant), true);
    circuits.onNeutral('pos', tenant);
    assert.equal(circuits.state('pos', tenant), 'half_open');
    assert.equal(circuits.tryAcquire('pos', tenant), true, 'the next probe may go');
  });

  void it("take any of cockatiel's breakers: a failure rate instead of a streak", () => {
    // Opens when more than 70 % of the last 4 calls failed, successes in between or not.
    const { circuits } = breakers({
      newBreaker: () => new CountBreaker({ threshold: 0.7, size: 4 }),
    });
    circuits.onFailure('pos', tenant);
    circuits.onSuccess('pos', tenant);
    circuits.onFailure('pos', tenant);
    assert.equal(circuits.state('pos', tenant), 'closed');
    circuits.onFailure('pos', tenant);
    assert.equal(circuits.state('pos', tenant), 'open');
  });
});
