/**
 * The one tool the model is asked to call: `interpret_utterance`, whose arguments are the
 * dialogue acts of the caller's utterance in menu ids. The arguments are validated by zod and then
 * grounded in the menu (an id the menu does not have is dropped, never trusted), so the model
 * can only propose what the rules engine could also have produced; the dialogue manager decides.
 */
import { z } from 'zod';
import type { MenuV1 } from '../../../contracts/menu/index.ts';
import type { OrderLine } from '../../../contracts/order/index.ts';
import type { DialogueAct, Understanding } from '../../../data/understanding/index.ts';

const Id = z.string().min(1).max(64);
const ModelLine = z.strictObject({
  item: Id,
  quantity: z.number().int().min(1).max(99).default(1),
  size: Id.optional(),
  variant: Id.optional(),
  modifiers: z
    .array(
      z.strictObject({
        group: Id,
        option: Id,
        action: z.enum(['add', 'remove']),
        qualifier: z.enum(['extra', 'light']).optional(),
      }),
    )
    .max(30)
    .default([]),
});

const ModelAct = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('add_items'), lines: z.array(ModelLine).min(1).max(30) }),
  z.strictObject({ type: z.literal('remove_item'), item: Id }),
  z.strictObject({
    type: z.literal('set_quantity'),
    item: Id,
    quantity: z.number().int().min(1).max(99),
  }),
  z.strictObject({ type: z.literal('set_size'), item: Id, size: Id }),
  z.strictObject({ type: z.literal('cancel_order') }),
  z.strictObject({ type: z.literal('finish_order') }),
  z.strictObject({ type: z.literal('affirm') }),
  z.strictObject({ type: z.literal('deny') }),
  z.strictObject({ type: z.literal('greeting'), language: z.enum(['en', 'nl']).default('en') }),
  z.strictObject({ type: z.literal('provide_name'), name: z.string().min(1).max(100) }),
  z.strictObject({
    type: z.literal('provide_phone'),
    phone: z.string().regex(/^\+?\d{6,15}$/, 'digits only, optional leading +'),
  }),
  z.strictObject({
    type: z.literal('provide_address'),
    street: z.string().max(120).optional(),
    postcode: z.string().max(16).optional(),
    city: z.string().max(80).optional(),
  }),
  z.strictObject({ type: z.literal('fulfilment'), method: z.enum(['pickup', 'delivery']) }),
  z.strictObject({
    type: z.literal('question'),
    topic: z.enum(['hours', 'price', 'menu', 'availability', 'wait_time', 'delivery_area']),
    item_ids: z.array(Id).max(10).default([]),
  }),
  z.strictObject({ type: z.literal('speak_to_human') }),
  z.strictObject({ type: z.literal('off_menu'), phrase: z.string().min(1).max(120) }),
  z.strictObject({ type: z.literal('unclear') }),
]);

export const InterpretUtteranceArguments = z.strictObject({
  acts: z.array(ModelAct).max(10),
  /** The model's own certainty, 0..1; the dialogue manager repairs below its threshold. */
  confidence: z.number().min(0).max(1),
});
export type InterpretUtteranceArguments = z.infer<typeof InterpretUtteranceArguments>;

export const interpretToolName = 'interpret_utterance';

export const interpretTool = {
  type: 'function' as const,
  function: {
    name: interpretToolName,
    description:
      "Report what the caller's utterance does, as dialogue acts that use only ids from the menu. " +
      "Order lines use item ids, the size option id of the item's size group, variant ids and " +
      'modifier group/option ids exactly as listed.',
    parameters: z.toJSONSchema(InterpretUtteranceArguments, { io: 'input' }) as object,
  },
};

/** Keeps only what the menu really offers; reports how much had to be dropped. */
function groundLine(
  line: z.infer<typeof ModelLine>,
  menu: MenuV1,
): { line?: OrderLine; dropped: number } {
  const item = menu.items.find((candidate) => candidate.id === line.item);
  if (!item) return { dropped: 1 };
  const groups = menu.modifierGroups.filter((group) => item.modifierGroups.includes(group.id));
  const sizeGroup = groups.find((group) => group.kind === 'size');
  let dropped = 0;
  const grounded: OrderLine = { item: item.id, quantity: line.quantity, modifiers: [] };
  if (line.size !== undefined) {
    if (sizeGroup?.options.some((option) => option.id === line.size)) grounded.size = line.size;
    else dropped++;
  }
  if (line.variant !== undefined) {
    if (item.variants?.some((variant) => variant.id === line.variant))
      grounded.variant = line.variant;
    else dropped++;
  }
  for (const modifier of line.modifiers) {
    const group = groups.find(
      (candidate) => candidate.id === modifier.group && candidate.kind !== 'size',
    );
    const known = group?.options.some((option) => option.id === modifier.option);
    const qualifierAllowed =
      modifier.qualifier === undefined || group?.qualifiers.includes(modifier.qualifier);
    if (group && known && qualifierAllowed) {
      grounded.modifiers.push({
        group: modifier.group,
        option: modifier.option,
        action: modifier.action,
        ...(modifier.qualifier ? { qualifier: modifier.qualifier } : {}),
      });
    } else dropped++;
  }
  return { line: grounded, dropped };
}

/** Turns validated tool arguments into the same {@link Understanding} the rules engine returns. */
export function toUnderstanding(args: InterpretUtteranceArguments, menu: MenuV1): Understanding {
  let dropped = 0;
  const acts: DialogueAct[] = [];
  const confidence = args.confidence;
  const knownItem = (id: string) => menu.items.some((item) => item.id === id);
  for (const act of args.acts) {
    switch (act.type) {
      case 'add_items': {
        const lines = act.lines.map((line) => groundLine(line, menu));
        dropped += lines.reduce((sum, result) => sum + result.dropped, 0);
        const kept = lines.flatMap((result) => (result.line ? [result.line] : []));
        if (kept.length > 0) acts.push({ type: 'add_items', lines: kept, confidence });
        break;
      }
      case 'remove_item':
      case 'set_quantity':
      case 'set_size': {
        if (!knownItem(act.item)) {
          dropped++;
          break;
        }
        const target = { kind: 'item' as const, itemId: act.item };
        if (act.type === 'remove_item')
          acts.push({ type: 'edit', edit: 'remove_item', target, confidence });
        else if (act.type === 'set_quantity')
          acts.push({
            type: 'edit',
            edit: 'set_quantity',
            target,
            quantity: act.quantity,
            confidence,
          });
        else {
          const item = menu.items.find((candidate) => candidate.id === act.item)!;
          const sizeGroup = menu.modifierGroups.find(
            (group) => group.kind === 'size' && item.modifierGroups.includes(group.id),
          );
          if (sizeGroup?.options.some((option) => option.id === act.size)) {
            acts.push({
              type: 'edit',
              edit: 'set_size',
              target,
              sizes: [{ groupId: sizeGroup.id, optionId: act.size }],
              confidence,
            });
          } else dropped++;
        }
        break;
      }
      case 'question': {
        const itemIds = act.item_ids.filter(knownItem);
        dropped += act.item_ids.length - itemIds.length;
        acts.push({ type: 'question', topic: act.topic, itemIds, options: [], confidence });
        break;
      }
      case 'provide_address': {
        const text = [act.street, act.postcode, act.city].filter(Boolean).join(', ');
        acts.push({
          type: 'provide_address',
          ...(act.street ? { street: act.street } : {}),
          ...(act.postcode ? { postcode: act.postcode } : {}),
          ...(act.city ? { city: act.city } : {}),
          text,
          confidence,
        });
        break;
      }
      case 'provide_phone':
        acts.push({ type: 'provide_phone', phone: act.phone, confidence });
        break;
      case 'unclear':
        acts.push({ type: 'unclear', reason: 'not_understood', confidence });
        break;
      case 'greeting':
        acts.push({ type: 'greeting', language: act.language, confidence });
        break;
      case 'provide_name':
        acts.push({ type: 'provide_name', name: act.name, confidence });
        break;
      case 'fulfilment':
        acts.push({ type: 'fulfilment', method: act.method, confidence });
        break;
      case 'off_menu':
        acts.push({ type: 'off_menu', phrase: act.phrase, confidence });
        break;
      default:
        acts.push({ type: act.type, confidence });
    }
  }
  // Every id the model invented costs certainty: the dialogue manager then repairs rather than guesses.
  const groundedConfidence = Math.max(0, confidence - 0.25 * dropped);
  if (acts.length === 0)
    acts.push({ type: 'unclear', reason: 'not_understood', confidence: groundedConfidence });
  const lines = acts.flatMap((act) => (act.type === 'add_items' ? act.lines : []));
  const language = acts.some((act) => act.type === 'greeting' && act.language === 'nl')
    ? 'nl'
    : 'en';
  return { lines, acts, confidence: groundedConfidence, language };
}
