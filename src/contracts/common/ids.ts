import { z } from 'zod';

/**
 * A platform-generated identifier (RFC 9562 UUID, any version): tenants, locations, sessions,
 * events, actions, print jobs, edge devices and messages.
 */
export const Uuid = z.uuid();
export type Uuid = z.infer<typeof Uuid>;

/**
 * An id from a tenant's menu or local configuration (menu items, options, printers): short,
 * human-readable, the same character set as `voxeron.menu/v1` ids.
 */
export const SlugId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids are letters, digits, "-", "_" or "."');
export type SlugId = z.infer<typeof SlugId>;

/**
 * The short reference a caller hears and the kitchen prints (e.g. `A-1042`). Unique per location
 * and day, not globally: joins across systems use the ids, not this.
 */
export const OrderReference = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'an order reference is upper-case letters, digits and "-"');
export type OrderReference = z.infer<typeof OrderReference>;

/**
 * A key the receiver uses to apply an effect at most once (§8.2 "exactly-once effect via
 * idempotency"). Stable across retries of the same action; printable ASCII without spaces.
 */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'an idempotency key is printable ASCII without spaces');
export type IdempotencyKey = z.infer<typeof IdempotencyKey>;
