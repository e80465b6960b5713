import { z } from 'zod';
import { SlugId, Uuid } from '../common/ids.ts';
import { ErrorDetail } from '../common/error-detail.ts';
import { IsoDateTime } from '../common/time.ts';

/**
 * `dispatch_printer_ticket` output. `queued`: the location's edge agent accepted the job into
 * its durable queue (printing follows and is reported by edge `job_status`); `printed`: the
 * printer confirmed it; `failed`: no device took it or the printer failed for good.
 */
export const DispatchResult = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('queued'),
    job_id: Uuid,
    device_id: Uuid,
    printer_id: SlugId,
  }),
  z.strictObject({
    status: z.literal('printed'),
    job_id: Uuid,
    device_id: Uuid,
    printer_id: SlugId,
    printed_at: IsoDateTime,
  }),
  z.strictObject({
    status: z.literal('failed'),
    job_id: Uuid,
    /** `null` when no edge device of the location was reachable. */
    device_id: Uuid.nullable(),
    error: ErrorDetail,
  }),
]);
export type DispatchResult = z.infer<typeof DispatchResult>;
