/**
 * A TTS provider that is an ordered list of vendors. Each sentence goes to the first; if it
 * fails, or sends no audio within its first-token timeout, or stalls between chunks for the gap
 * timeout, that attempt is aborted and the same text is synthesised by the next vendor. A stall
 * after some audio was played restarts the sentence with the next vendor (sentences are short;
 * hearing a few words twice beats silence). Health and `onFailover` hear of every switch.
 */
import { systemClock, type Clock } from '../../platform/clock.ts';
import { AbortedError, UnavailableError, throwIfAborted } from '../../platform/errors.ts';
import type { TtsChunk, TtsProvider, TtsRequest } from '../pipeline/tts/tts-provider.ts';
import type { FailoverCandidate, FailoverOptions } from './failover-types.ts';
import type { ProviderFailureKind } from './provider-health.ts';
import { providerKey } from './provider-ref.ts';
import { raceTimeout } from './race-timeout.ts';
import { systemTimers, type Timers } from './timers.ts';

export class FailoverTts implements TtsProvider {
  readonly name: string;
  readonly languages: readonly string[];
  private readonly timers: Timers;
  private readonly clock: Clock;

  constructor(private readonly options: FailoverOptions<TtsProvider>) {
    if (options.candidates.length === 0) throw new RangeError('FailoverTts needs a candidate');
    this.name = options.candidates.map((candidate) => candidate.provider.name).join('|');
    this.languages = [
      ...new Set(options.candidates.flatMap((candidate) => candidate.provider.languages)),
    ];
    this.timers = options.timers ?? systemTimers;
    this.clock = options.clock ?? systemClock;
  }

  async *synthesize(request: TtsRequest): AsyncGenerator<TtsChunk> {
    throwIfAborted(request.signal);
    const candidates = this.options.candidates;
    for (let index = 0; index < candidates.length; index += 1) {
      const candidate = candidates[index]!;
      const attempt = yield* this.attempt(candidate, request);
      if (attempt.ok) return;
      this.options.health?.recordFailure(candidate.ref, attempt.reason);
      const next = candidates[index + 1];
      this.options.onFailover?.({
        stage: 'tts',
        from: candidate.ref,
        to: next?.ref,
        reason: attempt.reason,
        error: attempt.error,
      });
      if (!next) {
        throw new UnavailableError(
          `every TTS vendor failed (last: ${providerKey(candidate.ref)})`,
          {
            cause: attempt.error,
            details: { reason: attempt.reason },
          },
        );
      }
    }
  }

  /** One vendor's try at the whole text; its stream is aborted and closed whatever happens. */
  private async *attempt(
    candidate: FailoverCandidate<TtsProvider>,
    request: TtsRequest,
  ): AsyncGenerator<
    TtsChunk,
    { ok: true } | { ok: false; reason: ProviderFailureKind; error?: unknown }
  > {
    const abort = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, abort.signal]) : abort.signal;
    const startedMs = this.clock.monotonicMs();
    const iterator = candidate.provider.synthesize({ ...request, signal })[Symbol.asyncIterator]();
    let chunks = 0;
    let finished = false;
    try {
      for (;;) {
        const timeoutMs = chunks === 0 ? candidate.firstTokenTimeoutMs : this.options.gapTimeoutMs;
        const step = await raceTimeout(iterator.next(), timeoutMs, this.timers, request.signal);
        if (step.kind === 'aborted' || request.signal?.aborted) {
          throw new AbortedError('speech was cancelled', { cause: request.signal?.reason });
        }
        if (step.kind === 'timeout') {
          return { ok: false, reason: chunks === 0 ? 'first_token_timeout' : 'gap_timeout' };
        }
        if (step.kind === 'error') return { ok: false, reason: 'error', error: step.error };
        if (step.value.done) {
          finished = true;
          // No audio at all for words to say is a broken vendor, not a short sentence.
          if (chunks === 0 && request.text.trim() !== '') return { ok: false, reason: 'empty' };
          return { ok: true };
        }
        if (chunks === 0) {
          this.options.health?.recordSuccess(candidate.ref, this.clock.monotonicMs() - startedMs);
        }
        chunks += 1;
        yield step.value.value;
      }
    } finally {
      if (!finished) {
        abort.abort(new AbortedError('failover: this TTS attempt was abandoned'));
        // Not awaited: a vendor that ignores its signal must not hold the next one up.
        iterator.return?.().catch(() => undefined);
      }
    }
  }
}
