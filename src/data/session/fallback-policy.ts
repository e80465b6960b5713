import type { DialoguePolicy, PolicyInput } from './policy.ts';
import type { Understanding } from '../understanding/index.ts';

export interface FallbackEvent {
  primary: string;
  fallback: string;
  error: unknown;
}

/**
 * Tries `primary`; if it throws (vendor down, stalled before its first token, arguments that
 * break the contract), answers the same turn with `fallback` — the caller hears no dead air and
 * the call goes on. `onFallback` records why, for routing health and metrics.
 */
export function withFallbackPolicy(
  primary: DialoguePolicy,
  fallback: DialoguePolicy,
  onFallback: (event: FallbackEvent) => void = () => undefined,
): DialoguePolicy {
  return {
    name: `${primary.name}|${fallback.name}`,
    async decide(input: PolicyInput): Promise<Understanding> {
      try {
        return await primary.decide(input);
      } catch (error) {
        if (input.signal?.aborted) throw error;
        onFallback({ primary: primary.name, fallback: fallback.name, error });
        return fallback.decide(input);
      }
    },
  };
}
