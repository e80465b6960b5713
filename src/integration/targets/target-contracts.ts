import type { z } from 'zod';
import type { ActionType } from '../../contracts/actions/action-type.ts';
import { WebhookDelivery, WebhookResult } from '../../contracts/actions/webhook-delivery.ts';
import { parseContract } from '../../contracts/common/contract-violation.ts';
import {
  parseToolInput,
  parseToolOutput,
  type ToolInput,
  type ToolOutput,
} from '../../contracts/tools/registry.ts';

/**
 * What a target of each action type accepts and answers: the tool contract for tools, the
 * webhook delivery contract for outbound webhooks (not a tool: the agent never calls it).
 */
export type TargetInput<Type extends ActionType> = Type extends 'webhook'
  ? z.input<typeof WebhookDelivery>
  : ToolInput<Exclude<Type, 'webhook'>>;
export type TargetOutput<Type extends ActionType> = Type extends 'webhook'
  ? WebhookResult
  : ToolOutput<Exclude<Type, 'webhook'>>;

/** Validates an action's payload before a target runs it; throws ContractViolationError. */
export function parseTargetInput<Type extends ActionType>(
  type: Type,
  payload: unknown,
): TargetInput<Type> {
  return (
    type === 'webhook'
      ? parseContract('webhook delivery', WebhookDelivery, payload)
      : parseToolInput(type as Exclude<ActionType, 'webhook'>, payload)
  ) as TargetInput<Type>;
}

/** Validates a target's answer; throws ContractViolationError. */
export function parseTargetOutput<Type extends ActionType>(
  type: Type,
  answer: unknown,
): TargetOutput<Type> {
  return (
    type === 'webhook'
      ? parseContract('webhook result', WebhookResult, answer)
      : parseToolOutput(type as Exclude<ActionType, 'webhook'>, answer)
  ) as TargetOutput<Type>;
}
