import { z } from 'zod';
import { SlugId, Uuid } from '../common/ids.ts';
import { IsoDateTime } from '../common/time.ts';

/** Whether the kitchen takes new orders now. `paused` is the restaurant pressing pause. */
export const KitchenState = z.enum(['accepting', 'paused']);
export type KitchenState = z.infer<typeof KitchenState>;

/** Longest wait a restaurant may announce: 12 hours. */
const waitMinutes = z.number().int().min(0).max(720);

/**
 * `get_kitchen_status` output and the `KitchenStatusUpdated` payload: what the agent may promise
 * right now. Read before the read-back, so a caller is never promised a paused kitchen or an
 * item that just ran out.
 */
export const KitchenStatus = z.strictObject({
  location_id: Uuid,
  state: KitchenState,
  /** Current wait until a pickup order is ready, in minutes. */
  pickup_wait_minutes: waitMinutes,
  /** Current wait until a delivery arrives, in minutes; `null` when delivery is not offered. */
  delivery_wait_minutes: waitMinutes.nullable(),
  /** Menu item ids that are sold out right now, on top of items the menu marks unavailable. */
  unavailable_item_ids: z.array(SlugId).max(2000),
  updated_at: IsoDateTime,
});
export type KitchenStatus = z.infer<typeof KitchenStatus>;
