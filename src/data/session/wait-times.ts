/**
 * The wait the agent promises. A delivery is cooked before it travels, so it is never promised
 * sooner than the kitchen's own (pickup) wait, even when the delivery wait in the kitchen status
 * was not updated along with a busy kitchen's pickup wait.
 */
import type { KitchenStatus } from '../../contracts/tools/index.ts';

type Waits = Pick<KitchenStatus, 'pickup_wait_minutes' | 'delivery_wait_minutes'>;

export function waitMinutesFor(kitchen: Waits, fulfilment: 'pickup' | 'delivery'): number {
  if (fulfilment === 'pickup') return kitchen.pickup_wait_minutes;
  return Math.max(kitchen.delivery_wait_minutes ?? 0, kitchen.pickup_wait_minutes);
}
