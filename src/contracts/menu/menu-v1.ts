/**
 * The menu interchange format `voxeron.menu/v1` (see shared/eval/README.md).
 * Structural rules live in the zod schema; cross-references (unknown group ids, ambiguous
 * aliases, a default that is not an option) are checked by {@link validateMenuV1} so that an
 * import reports every problem with its JSON path at once.
 */
import { z } from 'zod';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids are letters, digits, "-", "_" or "."');
const spokenName = z.string().trim().min(1).max(120);
/** Currency units (e.g. euros), not cents. A surcharge may be negative (a smaller size). */
const surcharge = z.number().finite().min(-10_000).max(10_000);
const price = z.number().finite().nonnegative().max(100_000);
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM (24-hour)');

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const MenuOptionV1 = z.strictObject({
  id,
  name: spokenName,
  aliases: z.array(spokenName).max(50).default([]),
  price: surcharge.default(0),
});
export type MenuOptionV1 = z.infer<typeof MenuOptionV1>;

export const ModifierQualifier = z.enum(['extra', 'light']);
export type ModifierQualifier = z.infer<typeof ModifierQualifier>;

export const ModifierGroupV1 = z.strictObject({
  id,
  name: spokenName,
  /** `size` marks the group that holds the item's sizes. */
  kind: z.enum(['size', 'choice']).default('choice'),
  min: z.number().int().min(0).max(50).default(0),
  max: z.number().int().min(1).max(50).default(1),
  /** Option id used when the caller names none. */
  default: id.optional(),
  qualifiers: z.array(ModifierQualifier).max(2).default([]),
  /** Whether a caller may remove options of this group that the item already includes. */
  removable: z.boolean().default(false),
  options: z.array(MenuOptionV1).min(1).max(200),
});
export type ModifierGroupV1 = z.infer<typeof ModifierGroupV1>;

export const MenuVariantV1 = MenuOptionV1;
export type MenuVariantV1 = z.infer<typeof MenuVariantV1>;

export const MenuItemV1 = z.strictObject({
  id,
  name: spokenName,
  aliases: z.array(spokenName).max(50).default([]),
  category: spokenName,
  price,
  description: z.string().max(1000).optional(),
  /** A choice that is part of the item (6 or 12 wings); its price is a surcharge. */
  variants: z.array(MenuVariantV1).max(50).optional(),
  modifierGroups: z.array(id).max(30).default([]),
  /** Option ids already on the item; a caller may remove them. */
  includes: z.array(id).max(50).default([]),
  available: z.boolean().default(true),
  ageRestricted: z.boolean().default(false),
});
export type MenuItemV1 = z.infer<typeof MenuItemV1>;

export const OpeningHoursV1 = z.strictObject({
  days: z.array(Weekday).min(1).max(7),
  open: clockTime,
  /** May be earlier than `open`: the kitchen closes after midnight. */
  close: clockTime,
});
export type OpeningHoursV1 = z.infer<typeof OpeningHoursV1>;

export const FulfilmentV1 = z.strictObject({
  pickup: z.boolean().default(true),
  delivery: z
    .strictObject({
      enabled: z.boolean(),
      minimumOrder: price.default(0),
      fee: price.default(0),
      postcodes: z.array(z.string().trim().min(1).max(16)).max(5000).default([]),
    })
    .default({ enabled: false, minimumOrder: 0, fee: 0, postcodes: [] }),
});
export type FulfilmentV1 = z.infer<typeof FulfilmentV1>;

export const MenuV1 = z.strictObject({
  format: z.literal('voxeron.menu/v1'),
  name: spokenName,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a locale such as en-US or nl-NL'),
  hours: z.array(OpeningHoursV1).max(50).default([]),
  fulfilment: FulfilmentV1.default({
    pickup: true,
    delivery: { enabled: false, minimumOrder: 0, fee: 0, postcodes: [] },
  }),
  modifierGroups: z.array(ModifierGroupV1).max(200).default([]),
  items: z.array(MenuItemV1).max(2000),
});
export type MenuV1 = z.infer<typeof MenuV1>;
/** What a menu file may contain before defaults are applied. */
export type MenuV1Input = z.input<typeof MenuV1>;
