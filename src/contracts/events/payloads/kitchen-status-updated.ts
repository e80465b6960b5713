import type { z } from 'zod';
import { KitchenStatus } from '../../tools/kitchen-status.ts';

/** The kitchen paused or resumed, a wait changed, or an item sold out: the new status whole. */
export const KitchenStatusUpdatedPayload = KitchenStatus;
export type KitchenStatusUpdatedPayload = z.infer<typeof KitchenStatusUpdatedPayload>;
