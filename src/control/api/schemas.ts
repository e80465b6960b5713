import { z } from 'zod';
import { E164Phone } from '../../contracts/common/phone.ts';

/** Path parameters. A malformed id answers 404 like an unknown one. */
export const TenantParams = z.strictObject({ tenantId: z.uuid() });
export const LocationParams = TenantParams.extend({ locationId: z.uuid() });
export const RouteParams = TenantParams.extend({ routeId: z.uuid() });
export const TokenParams = TenantParams.extend({ tokenId: z.uuid() });
export const SoldOutParams = LocationParams.extend({
  itemId: z.string().min(1).max(64),
});

const timestamp = z.string().meta({ format: 'date-time' });

/** An IANA time zone the runtime knows (Intl), e.g. `Europe/Amsterdam`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not an IANA time zone known to Intl, e.g. Europe/Amsterdam')
  .meta({ example: 'Europe/Amsterdam' });

const name = z.string().trim().min(1).max(200);

export const Tenant = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    tier: z.enum(['trial', 'standard', 'premium', 'enterprise']),
    region: z.string(),
    sector: z.enum(['horeca', 'healthcare', 'public', 'services']),
    locales: z.array(z.string()),
    status: z.enum(['active', 'suspended', 'offboarded']),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Tenant' });

const locale = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a locale such as en-US');

export const TenantCreate = z
  .strictObject({
    name,
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and "-", 2–63 long'),
    tier: Tenant.shape.tier.default('standard'),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z0-9]+)*$/)
      .default('eu'),
    sector: Tenant.shape.sector.default('horeca'),
    locales: z.array(locale).min(1).max(20).default(['en-US']),
  })
  .meta({ id: 'TenantCreate' });

export const TenantPatch = z
  .strictObject({
    name: name.optional(),
    locales: z.array(locale).min(1).max(20).optional(),
    /** Platform admins only. */
    tier: Tenant.shape.tier.optional(),
    status: Tenant.shape.status.optional(),
  })
  .meta({ id: 'TenantPatch' });

export const Address = z
  .strictObject({
    street: z.string().max(200).optional(),
    postcode: z.string().max(16).optional(),
    city: z.string().max(100).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code')
      .optional(),
  })
  .meta({ id: 'Address' });

export const Location = z
  .strictObject({
    id: z.uuid(),
    tenantId: z.uuid(),
    name: z.string(),
    timezone: z.string(),
    address: Address,
    phone: z.string().nullable(),
    overflowEnabled: z.boolean(),
    revision: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Location' });

export const LocationCreate = z
  .strictObject({
    name,
    timezone: TimeZone.default('Europe/Amsterdam'),
    address: Address.default({}),
    phone: E164Phone.nullable().default(null),
  })
  .meta({ id: 'LocationCreate' });

export const LocationPatch = z
  .strictObject({
    name: name.optional(),
    timezone: TimeZone.optional(),
    address: Address.optional(),
    phone: E164Phone.nullable().optional(),
  })
  .meta({ id: 'LocationPatch' });

export const OverflowChange = z
  .strictObject({
    enabled: z.boolean(),
    reason: z.string().trim().min(1).max(500).nullable().default(null),
  })
  .meta({ id: 'OverflowChange' });

export const SipUri = z
  .string()
  .max(255)
  .regex(
    /^sips?:[^@\s]+@[A-Za-z0-9.-]+(:\d{1,5})?$/,
    'a SIP URI such as sip:orders@pbx.example.com',
  );

export const CallRouteCreate = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('phone'), locationId: z.uuid(), address: E164Phone }),
    z.strictObject({ kind: z.literal('sip'), locationId: z.uuid(), address: SipUri }),
  ])
  .meta({ id: 'CallRouteCreate' });

export const CallRoute = z
  .strictObject({
    id: z.uuid(),
    locationId: z.uuid(),
    kind: z.enum(['phone', 'sip', 'webrtc']),
    address: z.string(),
    enabled: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'CallRoute' });

export const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.strictObject({ items: z.array(item) }).meta({ id });
