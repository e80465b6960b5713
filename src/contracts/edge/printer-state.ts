import { z } from 'zod';
import { SlugId } from '../common/ids.ts';

/** A printer's condition as the agent last saw it (ESC/POS real-time status). */
export const PrinterState = z.enum([
  'online',
  'offline',
  'paper_out',
  'paper_near_end',
  'cover_open',
  'error',
]);
export type PrinterState = z.infer<typeof PrinterState>;

/** One printer attached to an edge agent, by its locally configured id. */
export const PrinterHealth = z.strictObject({
  printer_id: SlugId,
  state: PrinterState,
});
export type PrinterHealth = z.infer<typeof PrinterHealth>;
