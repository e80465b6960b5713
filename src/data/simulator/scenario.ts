/** The scenario format of `../shared/eval/scenarios-*.jsonl`: a caller with a goal, not a script. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OrderLineModifier } from '../../contracts/order/index.ts';

export const GoalLine = z.object({
  item: z.string().min(1),
  quantity: z.number().int().min(1),
  size: z.string().optional(),
  variant: z.string().optional(),
  modifiers: z.array(OrderLineModifier).optional(),
});
export type GoalLine = z.infer<typeof GoalLine>;

export const Scenario = z.object({
  id: z.string().min(1),
  menu: z.string().min(1),
  goal: z.object({
    items: z.array(GoalLine),
    fulfilment: z.enum(['pickup', 'delivery']),
    name: z.string().min(1),
    phone: z.string().min(1),
    address: z
      .object({ street: z.string(), postcode: z.string(), city: z.string().optional() })
      .optional(),
  }),
  /** `style` plus free-form details (utterance, question, offMenu, phoneStyle, …). */
  behaviour: z.looseObject({ style: z.string().min(1) }),
  expect: z.object({
    outcome: z.enum(['order_created', 'escalated', 'no_order', 'ended_by_agent']),
  }),
  notes: z.string().optional(),
});
export type Scenario = z.infer<typeof Scenario>;

/** Reads a JSONL file of scenarios; a bad line is an error naming its line number. */
export function loadScenarios(file: string): Scenario[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const parsed = Scenario.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.message}`);
      return parsed.data;
    });
}
