import type { MenuV1 } from '../../../contracts/menu/index.ts';
import { parseContract } from '../../../contracts/common/contract-violation.ts';
import type { DialoguePolicy, PolicyInput } from '../../../data/session/policy.ts';
import type { Understanding } from '../../../data/understanding/index.ts';
import { UnavailableError } from '../../../platform/errors.ts';
import { streamChatCompletion, type ChatCompletionsEndpoint } from './chat-completions.ts';
import {
  InterpretUtteranceArguments,
  interpretTool,
  interpretToolName,
  toUnderstanding,
} from './interpret-tool.ts';

/** Figures of the last decision, for latency accounting (§16: LLM first token ≤ 300 ms). */
export interface LlmTiming {
  firstTokenMs: number;
  totalMs: number;
}

/**
 * A dialogue policy backed by any OpenAI-compatible chat-completions API (streaming, tools).
 * The model sees the menu and the order so far and must answer with one `interpret_utterance`
 * call; its arguments are schema-checked and grounded in the menu before the dialogue manager
 * sees them. Any failure throws a typed error: wrap it with `withFallbackPolicy` so a stalled
 * or misbehaving model falls back to the rules engine without dead air.
 */
export class OpenAiCompatibleDialoguePolicy implements DialoguePolicy {
  readonly name: string;
  lastTiming: LlmTiming | undefined;

  constructor(private readonly endpoint: ChatCompletionsEndpoint) {
    this.name = `openai-compatible:${endpoint.model}`;
  }

  async decide(input: PolicyInput): Promise<Understanding> {
    const menu = input.lexicon.menu;
    const result = await streamChatCompletion(
      this.endpoint,
      {
        messages: [
          { role: 'system', content: systemPrompt(menu) },
          { role: 'user', content: turnPrompt(input) },
        ],
        tools: [interpretTool],
        toolChoice: { type: 'function', function: { name: interpretToolName } },
      },
      input.signal,
    );
    this.lastTiming = { firstTokenMs: result.firstTokenMs, totalMs: result.totalMs };
    const call = result.toolCalls.find((candidate) => candidate.name === interpretToolName);
    if (!call)
      throw new UnavailableError(`the model answered without calling ${interpretToolName}`);
    let json: unknown;
    try {
      json = JSON.parse(call.arguments);
    } catch {
      throw new UnavailableError(`the model's ${interpretToolName} arguments are not JSON`);
    }
    const args = parseContract(`${interpretToolName} arguments`, InterpretUtteranceArguments, json);
    return toUnderstanding(args, menu);
  }
}

/** The menu in a compact, id-first form the model can copy ids from. */
function systemPrompt(menu: MenuV1): string {
  const groups = menu.modifierGroups
    .map(
      (group) =>
        `- group ${group.id} (${group.kind}${group.qualifiers.length ? `, qualifiers ${group.qualifiers.join('/')}` : ''}): ${group.options.map((option) => `${option.id}="${option.name}"`).join(', ')}`,
    )
    .join('\n');
  const items = menu.items
    .map((item) => {
      const variants = item.variants?.length
        ? ` variants: ${item.variants.map((variant) => `${variant.id}="${variant.name}"`).join(', ')};`
        : '';
      return `- ${item.id}="${item.name}"${item.aliases.length ? ` (also: ${item.aliases.join(', ')})` : ''}; groups: ${item.modifierGroups.join(', ') || 'none'};${variants}${item.includes.length ? ` includes: ${item.includes.join(', ')}` : ''}`;
    })
    .join('\n');
  return [
    `You interpret what a caller says to ${menu.name}'s phone ordering agent. You never reply to the caller.`,
    `Call ${interpretToolName} exactly once with the dialogue acts of the caller's last utterance, using only these ids.`,
    'Items:',
    items,
    'Modifier groups:',
    groups,
  ].join('\n');
}

function turnPrompt(input: PolicyInput): string {
  const state = input.state;
  const order = state.lines.length ? JSON.stringify(state.lines) : 'nothing yet';
  return [
    `Dialogue phase: ${state.phase}. Order so far: ${order}.`,
    `Caller: ${JSON.stringify(input.utterance.slice(0, 2000))}`,
  ].join('\n');
}
