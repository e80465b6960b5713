/**
 * The dialogue policy is a provider (ARCHITECTURE §3): it turns one caller utterance, in the
 * context of the dialogue state, into dialogue acts. The dialogue manager stays deterministic and
 * owns slots, validation, repair, confirmation and escalation whatever the policy is.
 *
 * The default is the local rules engine (menu-grounded understanding). An OpenAI-compatible
 * provider implements the same interface later: it calls the model with the state and the tool
 * contracts and maps the typed tool calls to the same {@link Understanding}.
 */
import type { MenuLexicon, Understanding } from '../understanding/index.ts';
import { understand } from '../understanding/index.ts';
import type { DialogueState } from './state.ts';

export interface PolicyInput {
  utterance: string;
  state: Readonly<DialogueState>;
  lexicon: MenuLexicon;
  signal?: AbortSignal;
}

export interface DialoguePolicy {
  /** For the session record and metrics (`rules`, `openai:gpt-…`). */
  readonly name: string;
  decide(input: PolicyInput): Understanding | Promise<Understanding>;
}

/** The local, offline, deterministic policy (well under 1 ms per turn). */
export const rulesDialoguePolicy: DialoguePolicy = {
  name: 'rules',
  decide: ({ utterance, lexicon }) => understand(utterance, lexicon),
};
