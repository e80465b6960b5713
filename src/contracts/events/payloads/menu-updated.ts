import { z } from 'zod';
import { Uuid } from '../../common/ids.ts';

/** Where a menu change came from. */
export const MenuUpdateSource = z.enum(['import', 'operator', 'sync']);
export type MenuUpdateSource = z.infer<typeof MenuUpdateSource>;

/** A new menu revision was published; caches holding an older `revision` drop it. */
export const MenuUpdatedPayload = z.strictObject({
  /** `null` when the change applies to all of the tenant's locations. */
  location_id: Uuid.nullable(),
  revision: z.number().int().min(1),
  item_count: z.number().int().min(0).max(2000),
  source: MenuUpdateSource,
});
export type MenuUpdatedPayload = z.infer<typeof MenuUpdatedPayload>;
