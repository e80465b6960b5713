import { z } from 'zod';

/** What a kill switch turns off (blueprint §12, §15 "Rollback: immediate overflow disable"). */
export const KillSwitchKind = z.enum(['overflow_off', 'integration_off', 'vendor_off']);
export type KillSwitchKind = z.infer<typeof KillSwitchKind>;

/** The integrations a switch can stop: the action queues of the dispatcher. */
export const IntegrationName = z.enum(['pos', 'printer', 'messaging', 'webhook']);
export type IntegrationName = z.infer<typeof IntegrationName>;

/** A vendor as routing names it, e.g. `deepgram`, `openai`, `elevenlabs`. */
export const VendorName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a vendor name');

/** One switch that is on now, as the runtime reader sees it (no reason, no author). */
export interface ActiveKillSwitch {
  /** `null`: global, every tenant. */
  tenantId: string | null;
  kind: KillSwitchKind;
  /** The integration (integration_off) or vendor (vendor_off); `null` for overflow_off. */
  target: string | null;
  /** overflow_off of one location; `null`: every location. */
  locationId: string | null;
}
