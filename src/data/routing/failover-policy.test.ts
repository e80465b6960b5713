import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError, UnavailableError } from '../../platform/errors.ts';
import type { DialoguePolicy, PolicyInput } from '../session/policy.ts';
import type { Understanding } from '../understanding/index.ts';
import { FailoverDialoguePolicy } from './failover-policy.ts';
import type { FailoverEvent } from './failover-types.ts';
import { ProviderHealth } from './provider-health.ts';
import { ManualScheduler } from './testing/manual-scheduler.ts';

const understanding = (label: string) => ({ label }) as unknown as Understanding;

/** A policy that answers after `delayMs`, or stalls/throws; it records whether it was aborted. */
function scriptedPolicy(
  scheduler: ManualScheduler,
  name: string,
  behaviour: { delayMs?: number; fail?: 'stall' | 'error' | 'sync-error' },
) {
  const seen = { calls: 0, aborted: 0 };
  const policy: DialoguePolicy = {
    name,
    decide: async ({ signal }: PolicyInput) => {
      seen.calls += 1;
      signal?.addEventListener('abort', () => (seen.aborted += 1), { once: true });
      if (behaviour.fail === 'sync-error') throw new TypeError('bug');
      if (behaviour.fail === 'stall') await new Promise(() => undefined);
      await scheduler.delay(behaviour.delayMs ?? 50, signal);
      if (behaviour.fail === 'error') throw new UnavailableError(`${name} 503`);
      return understanding(name);
    },
  };
  return { policy, seen };
}

function setup(primary: Parameters<typeof scriptedPolicy>[2]) {
  const scheduler = new ManualScheduler();
  const llm = scriptedPolicy(scheduler, 'llm', primary);
  const rules = scriptedPolicy(scheduler, 'rules', { delayMs: 1 });
  const failovers: FailoverEvent[] = [];
  const health = new ProviderHealth({ clock: scheduler.clock });
  const policy = new FailoverDialoguePolicy({
    candidates: [
      {
        ref: { stage: 'llm', vendor: 'openai-compatible', model: 'm' },
        provider: llm.policy,
        firstTokenTimeoutMs: 1500,
      },
      {
        ref: { stage: 'llm', vendor: 'rules', model: 'menu-grounded' },
        provider: rules.policy,
        firstTokenTimeoutMs: 1500,
      },
    ],
    gapTimeoutMs: 500,
    health,
    onFailover: (event) => failovers.push(event),
    timers: scheduler,
    clock: scheduler.clock,
  });
  return { scheduler, llm, rules, failovers, health, policy };
}

const input = (signal?: AbortSignal) =>
  ({
    utterance: 'two cokes',
    state: {},
    lexicon: {},
    ...(signal ? { signal } : {}),
  }) as unknown as PolicyInput;

async function decideOnManualTime(scheduler: ManualScheduler, decision: Promise<Understanding>) {
  let settled = false;
  const outcome = decision.then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  void outcome.then(() => (settled = true));
  await scheduler.runUntil(() => settled);
  return { ...(await outcome), atMs: scheduler.clock.monotonicMs() };
}

void describe('FailoverDialoguePolicy', () => {
  void it('answers with the primary when it decides in time', async () => {
    const { scheduler, policy, rules, failovers, health } = setup({ delayMs: 300 });
    const { value } = await decideOnManualTime(scheduler, policy.decide(input()));
    assert.deepEqual(value, understanding('llm'));
    assert.equal(rules.seen.calls, 0);
    assert.deepEqual(failovers, []);
    assert.equal(
      health.snapshot({ stage: 'llm', vendor: 'openai-compatible', model: 'm' }).firstTokenP95Ms,
      300,
    );
  });

  void it('a stalled primary is aborted at its timeout and the rules engine answers the same turn', async () => {
    const { scheduler, policy, llm, rules, failovers } = setup({ fail: 'stall' });
    const { value, atMs } = await decideOnManualTime(scheduler, policy.decide(input()));
    assert.deepEqual(value, understanding('rules'));
    assert.ok(atMs >= 2000 && atMs <= 2010, `answered at ${atMs} ms of manual time`);
    assert.equal(llm.seen.aborted, 1, 'the stalled attempt was aborted');
    assert.equal(rules.seen.calls, 1);
    assert.deepEqual(
      failovers.map((event) => event.reason),
      ['first_token_timeout'],
    );
    assert.equal(scheduler.pendingTimers, 0);
  });

  void it('an error (even a synchronous one) fails over at once', async () => {
    for (const fail of ['error', 'sync-error'] as const) {
      const { scheduler, policy, failovers } = setup({ fail });
      const { value, atMs } = await decideOnManualTime(scheduler, policy.decide(input()));
      assert.deepEqual(value, understanding('rules'));
      assert.ok(atMs < 100);
      assert.equal(failovers[0]?.reason, 'error');
    }
  });

  void it('a cancelled turn is not a vendor failure', async () => {
    const { scheduler, policy, llm, rules, failovers, health } = setup({ fail: 'stall' });
    const hangUp = new AbortController();
    const decision = decideOnManualTime(scheduler, policy.decide(input(hangUp.signal)));
    await scheduler.advance(100);
    hangUp.abort();
    const { error } = await decision;
    assert.ok(error instanceof AbortedError);
    assert.equal(rules.seen.calls, 0);
    assert.equal(llm.seen.aborted, 1);
    assert.deepEqual(failovers, []);
    assert.equal(
      health.snapshot({ stage: 'llm', vendor: 'openai-compatible', model: 'm' }).samples,
      0,
    );
  });
});
