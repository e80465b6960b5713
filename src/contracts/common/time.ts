import { z } from 'zod';

/**
 * An ISO 8601 / RFC 3339 instant with an explicit offset (`2025-05-01T18:30:00Z` or
 * `…+02:00`). A local time without an offset is ambiguous across time zones and is rejected.
 */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;
