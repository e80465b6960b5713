import { z } from 'zod';
import { Uuid } from '../common/ids.ts';
import { EventType } from './event-type.ts';

/**
 * The PostgreSQL NOTIFY channel on which the control plane announces configuration changes
 * (menus, kitchen status, overflow, kill switches). Running sessions' context engines LISTEN and
 * reload; the payload is a {@link ConfigNotification} as JSON, sent at commit only.
 */
export const configChannel = 'voxeron_config';

export const ConfigNotification = z.object({
  type: EventType,
  tenant_id: Uuid,
  /** The location the change concerns, `null` for tenant-wide changes. */
  location_id: Uuid.nullable(),
  /** Event id and stream position: a listener that missed a notification catches up by seq. */
  event_id: Uuid,
  seq: z.number().int().positive(),
});
export type ConfigNotification = z.infer<typeof ConfigNotification>;
