/**
 * The tenant overlay (blueprint §6.1): what one restaurant (location) adds to the sector
 * blueprint. The control plane stores versions of it; the data plane merges it into a
 * session's configuration. Both validate with this schema.
 */
import { z } from 'zod';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** What one restaurant (location) adds: its words, its hours, its area, its policies. */
export const TenantOverlay = z.strictObject({
  tenantId: z.uuid(),
  locationId: z.uuid(),
  /** Null until overlays are stored and versioned by the control plane. */
  overlayId: z.uuid().nullable().default(null),
  restaurantName: z.string().min(1).max(200),
  /** IANA time zone of the location: opening hours are local times there. */
  timezone: z.string().min(1).default('Europe/Amsterdam'),
  greeting: z.string().min(1).max(500).optional(),
  /** Languages the agent speaks, first is the default. v1 replies in English only. */
  languages: z
    .array(z.enum(['en', 'nl']))
    .min(1)
    .default(['en']),
  /** Country calling code used to complete a national number ("06 …" → "+316 …"). */
  countryCallingCode: z
    .string()
    .regex(/^\d{1,3}$/)
    .default('31'),
  /** Overrides the menu's hours when set. */
  hours: z
    .array(z.strictObject({ days: z.array(weekday).min(1), open: clockTime, close: clockTime }))
    .optional(),
  /** Overrides the menu's delivery settings when set. */
  delivery: z
    .strictObject({
      enabled: z.boolean(),
      postcodes: z.array(z.string().min(1)),
      minimumOrder: z.number().min(0),
      fee: z.number().min(0),
    })
    .optional(),
  /** City assumed for a delivery address when the caller names none. */
  defaultCity: z.string().min(1).max(100).optional(),
  orderReferencePrefix: z
    .string()
    .regex(/^[A-Z]{1,3}$/)
    .default('A'),
  policies: z
    .strictObject({
      ageRestrictedNotice: z.string().min(1).default('we check ID when you collect it'),
      /** Waits at or above this many minutes are announced as a long wait. */
      longWaitMinutes: z.number().int().min(1).default(45),
    })
    .default({ ageRestrictedNotice: 'we check ID when you collect it', longWaitMinutes: 45 }),
});
export type TenantOverlay = z.infer<typeof TenantOverlay>;
export type TenantOverlayInput = z.input<typeof TenantOverlay>;

/**
 * What an overlay version stores: any of the overlay's own fields, nothing else (the ids are
 * the location's and the version's, filled in when a session composes its configuration).
 * For validation only: store the document as given, so that unset fields keep taking the
 * location's values and the defaults.
 */
export const OverlayDocument = TenantOverlay.omit({
  tenantId: true,
  locationId: true,
  overlayId: true,
}).partial();
