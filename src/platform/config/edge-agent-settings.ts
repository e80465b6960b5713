import { z } from 'zod';
import { ConfigError } from '../errors.ts';

/**
 * Tuning of `voxeron edge run` (the on-site agent), read from its environment only: the agent has
 * no platform config file. Listed here, beside the platform's settings, so that one shell can
 * hold both kinds of VOXERON_* variables without the platform rejecting the agent's as unknown.
 */
const positiveMs = z.coerce.number().int().positive().max(3_600_000);

export const edgeAgentSettings = {
  reconnectInitialMs: {
    env: 'VOXERON_EDGE_RECONNECT_INITIAL_MS',
    description: 'Edge agent: first wait before redialling a dropped link, in ms (doubles).',
  },
  reconnectMaxMs: {
    env: 'VOXERON_EDGE_RECONNECT_MAX_MS',
    description: 'Edge agent: longest wait between redials, in ms.',
  },
  retryDelayMs: {
    env: 'VOXERON_EDGE_RETRY_DELAY_MS',
    description: 'Edge agent: wait before printing a failed ticket again, in ms.',
  },
  notReadyPollMs: {
    env: 'VOXERON_EDGE_NOT_READY_POLL_MS',
    description:
      'Edge agent: how often a printer that is not ready (paper out, cover open) is asked again, in ms.',
  },
} as const;

export type EdgeAgentTuning = Partial<Record<keyof typeof edgeAgentSettings, number>>;

/** The agent's tuning from `env`; unset variables are left out (the agent's defaults apply). */
export function loadEdgeAgentTuning(env: NodeJS.ProcessEnv = process.env): EdgeAgentTuning {
  const tuning: EdgeAgentTuning = {};
  for (const [key, spec] of Object.entries(edgeAgentSettings)) {
    const raw = env[spec.env];
    if (raw === undefined || raw === '') continue;
    const parsed = positiveMs.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(
        `config: ${spec.env} is invalid (${JSON.stringify(raw)}). Fix: a whole number of milliseconds from 1 to 3600000.`,
      );
    }
    tuning[key as keyof typeof edgeAgentSettings] = parsed.data;
  }
  return tuning;
}
