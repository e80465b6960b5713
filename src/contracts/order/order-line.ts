/**
 * An order line in menu ids: what the caller asked for, as the POS and the kitchen need it.
 * This is the shape `voxeron parse` prints and the eval sets score.
 */
import { z } from 'zod';
import { ModifierQualifier } from '../menu/menu-v1.ts';

export const ModifierAction = z.enum(['add', 'remove']);
export type ModifierAction = z.infer<typeof ModifierAction>;

export const OrderLineModifier = z.strictObject({
  group: z.string().min(1).max(64),
  option: z.string().min(1).max(64),
  action: ModifierAction,
  qualifier: ModifierQualifier.optional(),
});
export type OrderLineModifier = z.infer<typeof OrderLineModifier>;

export const OrderLine = z.strictObject({
  item: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(99),
  /** Option id of the item's size group; absent means the group's default. */
  size: z.string().min(1).max(64).optional(),
  /** Variant id, for items with `variants`. */
  variant: z.string().min(1).max(64).optional(),
  modifiers: z.array(OrderLineModifier).max(30).default([]),
  notes: z.string().max(500).optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;
