import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { ContractViolationError } from '../../../contracts/common/contract-violation.ts';
import { parseMenuV1 } from '../../../contracts/menu/index.ts';
import { withFallbackPolicy } from '../../../data/session/fallback-policy.ts';
import { createLocalSessions } from '../../../data/session/local-session.ts';
import { rulesDialoguePolicy } from '../../../data/session/policy.ts';
import { compileMenu } from '../../../data/understanding/index.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { OutcomeUnknownError, UnavailableError, isRetryable } from '../../../platform/errors.ts';
import { ProviderRejectedError } from './chat-completions.ts';
import { OpenAiCompatibleDialoguePolicy } from './openai-dialogue-policy.ts';
import {
  startFakeChatCompletionsServer,
  type ScriptedReply,
  type ReceivedRequest,
} from './testing/fake-chat-completions-server.ts';

const menu = parseMenuV1(
  JSON.parse(
    readFileSync(new URL('../../../../data/demo/luigis-pizzeria.json', import.meta.url), 'utf8'),
  ),
);
const lexicon = compileMenu(menu);
const servers: { close(): Promise<void> }[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

async function policyWith(
  script: (request: ReceivedRequest) => ScriptedReply,
  firstTokenTimeoutMs = 1500,
) {
  const server = await startFakeChatCompletionsServer(script);
  servers.push(server);
  const policy = new OpenAiCompatibleDialoguePolicy({
    baseUrl: server.baseUrl,
    apiKey: 'sk-test',
    model: 'gpt-test',
    firstTokenTimeoutMs,
    totalTimeoutMs: 5000,
  });
  return { server, policy };
}

const args = (value: object) => JSON.stringify(value);
const state = { phase: 'ordering', lines: [] } as never;

describe('OpenAI-compatible dialogue policy', () => {
  it('streams the tool call in fragments and returns grounded order lines', async () => {
    const { server, policy } = await policyWith(() => ({
      kind: 'tool_call',
      arguments: args({
        acts: [
          {
            type: 'add_items',
            lines: [
              { item: 'pepperoni-pizza', quantity: 1, size: 'large' },
              { item: 'cola', quantity: 2 },
            ],
          },
          { type: 'fulfilment', method: 'pickup' },
        ],
        confidence: 0.9,
      }),
    }));
    const understanding = await policy.decide({
      utterance: 'a large pepperoni and two cokes for pickup',
      state,
      lexicon,
    });
    assert.deepEqual(understanding.lines, [
      { item: 'pepperoni-pizza', quantity: 1, size: 'large', modifiers: [] },
      { item: 'cola', quantity: 2, modifiers: [] },
    ]);
    assert.deepEqual(
      understanding.acts.map((act) => act.type),
      ['add_items', 'fulfilment'],
    );
    assert.equal(understanding.confidence, 0.9);
    const request = server.requests[0]!;
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    assert.equal(request.body.stream, true);
    assert.equal(request.body.model, 'gpt-test');
    assert.equal(request.body.tools[0]!.function.name, 'interpret_utterance');
    assert.match(request.body.messages[0]!.content, /pepperoni-pizza="pepperoni pizza"/);
    assert.ok(policy.lastTiming && policy.lastTiming.firstTokenMs >= 0);
  });

  it('never trusts an id the menu does not have: dropped, and the certainty falls', async () => {
    const { policy } = await policyWith(() => ({
      kind: 'tool_call',
      arguments: args({
        acts: [
          {
            type: 'add_items',
            lines: [
              { item: 'lasagna', quantity: 1 },
              { item: 'margherita', quantity: 1, size: 'gigantic' },
            ],
          },
        ],
        confidence: 0.9,
      }),
    }));
    const understanding = await policy.decide({
      utterance: 'a lasagna and a gigantic margherita',
      state,
      lexicon,
    });
    assert.deepEqual(understanding.lines, [{ item: 'margherita', quantity: 1, modifiers: [] }]);
    assert.ok(understanding.confidence < 0.5, `confidence ${understanding.confidence}`);
  });

  it('classifies vendor errors by type: 429 with Retry-After and 5xx retryable, 401 not', async () => {
    const limited = await policyWith(() => ({ kind: 'status', status: 429, retryAfterSeconds: 3 }));
    await assert.rejects(
      limited.policy.decide({ utterance: 'hi', state, lexicon }),
      (error: unknown) =>
        error instanceof UnavailableError && error.retryAfterMs === 3000 && isRetryable(error),
    );
    const broken = await policyWith(() => ({ kind: 'status', status: 503 }));
    await assert.rejects(
      broken.policy.decide({ utterance: 'hi', state, lexicon }),
      UnavailableError,
    );
    const unauthorised = await policyWith(() => ({
      kind: 'status',
      status: 401,
      body: { error: { message: 'Incorrect API key provided' } },
    }));
    await assert.rejects(
      unauthorised.policy.decide({ utterance: 'hi', state, lexicon }),
      (error: unknown) =>
        error instanceof ProviderRejectedError &&
        !isRetryable(error) &&
        /Incorrect API key/.test(error.message),
    );
  });

  it('detects a stall before the first token, and a stream cut after it', async () => {
    const stalled = await policyWith(() => ({ kind: 'stall' }), 150);
    await assert.rejects(
      stalled.policy.decide({ utterance: 'hi', state, lexicon }),
      (error: unknown) =>
        error instanceof UnavailableError && /first-token timeout/.test(error.message),
    );
    const cut = await policyWith(() => ({
      kind: 'cut_after_first_chunk',
      arguments: args({ acts: [], confidence: 1 }),
    }));
    await assert.rejects(
      cut.policy.decide({ utterance: 'hi', state, lexicon }),
      (error: unknown) => error instanceof OutcomeUnknownError || error instanceof UnavailableError,
    );
  });

  it('rejects garbage, a missing tool call and arguments that break the contract, with the field path', async () => {
    const garbage = await policyWith(() => ({ kind: 'garbage' }));
    await assert.rejects(garbage.policy.decide({ utterance: 'hi', state, lexicon }), /not JSON/);
    const otherTool = await policyWith(() => ({
      kind: 'tool_call',
      name: 'something_else',
      arguments: '{}',
    }));
    await assert.rejects(
      otherTool.policy.decide({ utterance: 'hi', state, lexicon }),
      /without calling interpret_utterance/,
    );
    const invalid = await policyWith(() => ({
      kind: 'tool_call',
      arguments: args({ acts: [{ type: 'fulfilment', method: 'teleport' }], confidence: 2 }),
    }));
    await assert.rejects(
      invalid.policy.decide({ utterance: 'hi', state, lexicon }),
      (error: unknown) =>
        error instanceof ContractViolationError &&
        error.issues.some((issue) => issue.path.join('.') === 'acts.0.method') &&
        error.issues.some((issue) => issue.path.join('.') === 'confidence'),
    );
  });

  it('drives a whole call, and a stalled turn fails over to the rules engine without ending the call', async () => {
    const replies: Record<string, ScriptedReply> = {
      'a large pepperoni pizza for pickup': {
        kind: 'tool_call',
        arguments: args({
          acts: [
            { type: 'add_items', lines: [{ item: 'pepperoni-pizza', size: 'large' }] },
            { type: 'fulfilment', method: 'pickup' },
          ],
          confidence: 0.95,
        }),
      },
      'my name is Anna de Vries': { kind: 'stall' },
      '06 1234 5678': {
        kind: 'tool_call',
        arguments: args({
          acts: [{ type: 'provide_phone', phone: '0612345678' }],
          confidence: 0.95,
        }),
      },
      yes: { kind: 'tool_call', arguments: args({ acts: [{ type: 'affirm' }], confidence: 0.99 }) },
    };
    const { policy } = await policyWith((request) => {
      const utterance = JSON.parse(
        request.body.messages[1]!.content.split('Caller: ')[1]!,
      ) as string;
      return replies[utterance] ?? { kind: 'status', status: 500 };
    }, 200);
    const fallbacks: unknown[] = [];
    const setup = createLocalSessions(menu, {
      clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
      policy: withFallbackPolicy(policy, rulesDialoguePolicy, (event) =>
        fallbacks.push(event.error),
      ),
    });
    const session = await setup.manager.open({ config: setup.config, channel: 'text' });
    // "yes" twice: to the number read back, then to the order.
    for (const utterance of [...Object.keys(replies), 'yes']) await session.turn(utterance);
    assert.equal(session.isEnded, true);
    assert.equal(fallbacks.length, 1, 'the stalled turn was answered by the rules engine');
    assert.ok(fallbacks[0] instanceof UnavailableError);
    const actions = setup.store.actions.map((action) => action.type).sort();
    assert.deepEqual(actions, [
      'create_pos_order',
      'dispatch_printer_ticket',
      'send_confirmation_message',
    ]);
    const draft = setup.store.actions.find((action) => action.type === 'create_pos_order')!
      .payload as {
      lines: { item: string; size?: string }[];
      customer: { name: string; phone: string };
    };
    assert.deepEqual(
      draft.lines.map((line) => [line.item, line.size]),
      [['pepperoni-pizza', 'large']],
    );
    assert.deepEqual(draft.customer, { name: 'Anna de Vries', phone: '+31612345678' });
  });
});
