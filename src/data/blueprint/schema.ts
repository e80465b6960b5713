/**
 * The three layers of a session's configuration (§6.1): the sector blueprint (generic
 * conversational logic), the tenant overlay (content and constraints of one restaurant) and the
 * runtime policy (per-session behaviour). Each is validated with zod before it is merged.
 */
import { z } from 'zod';
import { EscalationMode, EscalationReason } from '../../contracts/events/index.ts';

const slotName = z.enum([
  'items',
  'fulfilment',
  'name',
  'phone',
  'address',
  'question_topic',
  'order_reference',
]);
export type SlotName = z.infer<typeof slotName>;

export const IntentName = z.enum([
  'place_order',
  'modify_order',
  'cancel_order',
  'ask_hours',
  'ask_menu',
  'ask_price',
  'ask_availability',
  'ask_wait_time',
  'ask_delivery_area',
  'speak_to_human',
]);
export type IntentName = z.infer<typeof IntentName>;

export const IntentDefinition = z.strictObject({
  name: IntentName,
  description: z.string().min(1),
  /** Slots that must be filled before the intent can be fulfilled. */
  requiredSlots: z.array(slotName),
  /** `address` is required only when `fulfilment` is delivery. */
  conditionalSlots: z
    .array(z.strictObject({ slot: slotName, when: z.string().min(1) }))
    .default([]),
});
export type IntentDefinition = z.infer<typeof IntentDefinition>;

export const ValidationRule = z.enum([
  'items_exist',
  'items_available',
  'open_now',
  'kitchen_accepting',
  'delivery_area',
  'delivery_minimum',
  'wait_time_stated',
  'age_restricted_notice',
]);
export type ValidationRule = z.infer<typeof ValidationRule>;

export const SectorBlueprint = z.strictObject({
  id: z.string().regex(/^[a-z]+\/v\d+$/),
  version: z.number().int().min(1),
  intents: z.array(IntentDefinition).min(1),
  validation: z.array(ValidationRule),
  repair: z.strictObject({
    /** Consecutive turns the agent may fail to understand before it escalates. */
    maxRepairsBeforeEscalation: z.number().int().min(0).max(10),
    /** Re-prompts after silence before the agent ends the call. */
    maxSilenceReprompts: z.number().int().min(0).max(10),
    /** Abusive turns the agent tolerates before it ends the call politely. */
    maxAbusiveTurns: z.number().int().min(1).max(10),
  }),
  confirmation: z.strictObject({
    /** Read the whole order back (items, prices, total) before asking for consent. */
    readBack: z.literal(true),
    /** Only an explicit yes confirms; silence or ambiguity never does. */
    requireExplicitYes: z.literal(true),
  }),
  escalation: z.strictObject({
    triggers: z.array(EscalationReason).min(1),
    /** Understanding below this confidence counts as a failed turn (low_confidence). */
    minConfidence: z.number().min(0).max(1),
    /** Mode used when a person can take the call; `callback` when nobody can. */
    preferredMode: EscalationMode,
  }),
  runtime: z.strictObject({
    bargeIn: z.boolean(),
    vadHangoverMs: z.number().int().min(0).max(5000),
    maxTurns: z.number().int().min(1).max(500),
    silenceTimeoutMs: z.number().int().min(500).max(60_000),
    /** A turn slower than this (understanding + policy, not vendors) is a latency breach. */
    turnLatencyBudgetMs: z.number().int().min(1).max(10_000),
  }),
});
export type SectorBlueprint = z.infer<typeof SectorBlueprint>;
export type SectorBlueprintInput = z.input<typeof SectorBlueprint>;

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

/** Per-session behaviour, chosen by routing or an operator flag for one call. */
export const RuntimePolicy = z.strictObject({
  /** Whether a person at the restaurant can take a transfer now; otherwise a callback. */
  humanAvailable: z.boolean().default(true),
  bargeIn: z.boolean().optional(),
  maxTurns: z.number().int().min(1).max(500).optional(),
  silenceTimeoutMs: z.number().int().min(500).max(60_000).optional(),
  vadHangoverMs: z.number().int().min(0).max(5000).optional(),
});
export type RuntimePolicy = z.infer<typeof RuntimePolicy>;
export type RuntimePolicyInput = z.input<typeof RuntimePolicy>;
