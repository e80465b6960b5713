import { z } from 'zod';
import { Uuid } from '../common/ids.ts';
import { IsoDateTime } from '../common/time.ts';
import { MenuV1 } from '../menu/menu-v1.ts';

/**
 * `get_menu` output: the location's menu as the session sees it — a validated
 * `voxeron.menu/v1` document plus the revision it came from. The context engine caches it and
 * drops the cache when a `MenuUpdated` event carries a newer `revision`. Live availability is
 * not folded in here; it comes from `get_kitchen_status` (`unavailable_item_ids`).
 */
export const Menu = z.strictObject({
  location_id: Uuid,
  /** Increases by one on every published change of this location's menu. */
  revision: z.number().int().min(1),
  updated_at: IsoDateTime,
  menu: MenuV1,
});
export type Menu = z.infer<typeof Menu>;
