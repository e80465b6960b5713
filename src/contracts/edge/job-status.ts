import { z } from 'zod';

/**
 * Where a print job stands on the agent. `printed_after_cancel`: the printer had already
 * printed when the server's `cancel` arrived — the kitchen has the ticket, the server must know.
 */
export const EdgeJobStatus = z.enum([
  'queued',
  'printing',
  'printed',
  'failed',
  'printed_after_cancel',
]);
export type EdgeJobStatus = z.infer<typeof EdgeJobStatus>;
