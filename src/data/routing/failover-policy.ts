/**
 * A dialogue policy that is an ordered list of policies (an LLM first, the rules engine last).
 * `withFallbackPolicy` (session/) falls back only when the primary throws; this one also bounds
 * each attempt by a timeout, aborts the abandoned attempt through its signal, tries any number
 * of candidates, and reports to provider health. `DialoguePolicy.decide` returns the whole
 * decision, so the timeout covers the decision: the routed first-token timeout plus the gap
 * timeout (the adapter enforces its own first-token timeout inside that).
 */
import { systemClock, type Clock } from '../../platform/clock.ts';
import { AbortedError, UnavailableError, throwIfAborted } from '../../platform/errors.ts';
import type { DialoguePolicy, PolicyInput } from '../session/policy.ts';
import type { Understanding } from '../understanding/index.ts';
import type { FailoverOptions } from './failover-types.ts';
import { providerKey } from './provider-ref.ts';
import { raceTimeout } from './race-timeout.ts';
import { systemTimers, type Timers } from './timers.ts';

export class FailoverDialoguePolicy implements DialoguePolicy {
  readonly name: string;
  private readonly timers: Timers;
  private readonly clock: Clock;

  constructor(private readonly options: FailoverOptions<DialoguePolicy>) {
    if (options.candidates.length === 0)
      throw new RangeError('FailoverDialoguePolicy needs a candidate');
    this.name = options.candidates.map((candidate) => candidate.provider.name).join('|');
    this.timers = options.timers ?? systemTimers;
    this.clock = options.clock ?? systemClock;
  }

  async decide(input: PolicyInput): Promise<Understanding> {
    throwIfAborted(input.signal);
    const candidates = this.options.candidates;
    let lastError: unknown;
    for (let index = 0; index < candidates.length; index += 1) {
      const candidate = candidates[index]!;
      const abort = new AbortController();
      const signal = input.signal ? AbortSignal.any([input.signal, abort.signal]) : abort.signal;
      const startedMs = this.clock.monotonicMs();
      // A synchronous policy that throws becomes a rejected promise like an async one.
      const decision = Promise.resolve().then(() =>
        candidate.provider.decide({ ...input, signal }),
      );
      const outcome = await raceTimeout(
        decision,
        candidate.firstTokenTimeoutMs + this.options.gapTimeoutMs,
        this.timers,
        input.signal,
      );
      if (outcome.kind === 'aborted' || input.signal?.aborted) {
        abort.abort();
        throw new AbortedError('the turn was cancelled', { cause: input.signal?.reason });
      }
      if (outcome.kind === 'value') {
        this.options.health?.recordSuccess(candidate.ref, this.clock.monotonicMs() - startedMs);
        return outcome.value;
      }
      const reason = outcome.kind === 'timeout' ? 'first_token_timeout' : 'error';
      lastError = outcome.kind === 'error' ? outcome.error : undefined;
      abort.abort(new AbortedError(`failover: ${reason}`));
      this.options.health?.recordFailure(candidate.ref, reason);
      this.options.onFailover?.({
        stage: 'llm',
        from: candidate.ref,
        to: candidates[index + 1]?.ref,
        reason,
        error: lastError,
      });
    }
    throw new UnavailableError(
      `every dialogue policy failed (last: ${providerKey(candidates[candidates.length - 1]!.ref)})`,
      { cause: lastError },
    );
  }
}
