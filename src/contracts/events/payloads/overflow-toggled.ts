import { z } from 'zod';
import { Uuid } from '../../common/ids.ts';
import { nonBlankText } from '../../common/text.ts';

/** What turned overflow handling on or off; `kill_switch` is the emergency stop (§15). */
export const OverflowToggleSource = z.enum(['operator', 'schedule', 'kill_switch', 'api']);
export type OverflowToggleSource = z.infer<typeof OverflowToggleSource>;

/** Voxeron started or stopped answering a location's overflow calls. */
export const OverflowToggledPayload = z.strictObject({
  location_id: Uuid,
  enabled: z.boolean(),
  source: OverflowToggleSource,
  /** The operator or API token that did it; `null` for the schedule. */
  actor_id: z.string().min(1).max(128).nullable(),
  reason: nonBlankText(500).nullable(),
});
export type OverflowToggledPayload = z.infer<typeof OverflowToggledPayload>;
