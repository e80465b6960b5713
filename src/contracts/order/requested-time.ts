import { z } from 'zod';
import { IsoDateTime } from '../common/time.ts';

/**
 * When the caller wants the order: `"asap"` or an instant with an offset
 * (`2025-05-01T19:30:00+02:00`) for a pickup or delivery later in the day.
 */
export const RequestedTime = z.union([z.literal('asap'), IsoDateTime]);
export type RequestedTime = z.infer<typeof RequestedTime>;
