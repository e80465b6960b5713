/**
 * When caller speech over the agent's audio becomes a barge-in. Pure, on media time, so the
 * rule is tested apart from the session: long enough (`minSpeechMs`, so coughs and clicks never
 * stop the agent) and not only acknowledgements ("uh-huh", "okay") as far as the ASR has heard.
 */
import { isBackchannel } from './backchannel.ts';
import type { BargeInPolicy } from './voice-session-options.ts';

/** Caller speech in progress, as the session tracks it. */
export interface CallerSpeech {
  startMediaMs: number;
  /** Started while agent audio was playing: a barge-in candidate, not yet a turn. */
  duringAgent: boolean;
  bargedIn: boolean;
  /** Not for turn-taking (barge-in off, call ending, already committed). */
  ignored: boolean;
}

export type BargeInDecision =
  /** Nothing to do (yet). */
  | 'wait'
  /** The agent finished while the caller talked: the speech is an ordinary turn now. */
  | 'agent_finished'
  /** Stop the agent. */
  | 'interrupt';

export function bargeInDecision(
  speech: CallerSpeech | undefined,
  now: { mediaMs: number; agentActive: boolean; heardText: string; policy: BargeInPolicy },
): BargeInDecision {
  if (!speech || speech.ignored || !speech.duringAgent || speech.bargedIn) return 'wait';
  if (!now.agentActive) return 'agent_finished';
  if (now.mediaMs - speech.startMediaMs < now.policy.minSpeechMs) return 'wait';
  if (isBackchannel(now.heardText)) return 'wait';
  return 'interrupt';
}
