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
    /**
     * Read a phone number back digit-grouped as soon as it is taken and ask for a yes: one
     * misheard digit makes the number useless, and the caller can only catch it if they hear it.
     */
    readBackPhone: z.boolean().default(true),
    /**
     * A line of more than this many of one item is asked back ("40 Coca-Colas, is that right?")
     * before it is taken: on a phone line a misheard "four" or "for a" is far likelier than an
     * order of forty. A large order said and confirmed still goes through.
     */
    confirmQuantityAbove: z.number().int().min(1).max(99).default(10),
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

// The overlay is stored by the control plane and read here: its schema is a contract.
export {
  TenantOverlay,
  type TenantOverlayInput,
} from '../../contracts/blueprint/tenant-overlay.ts';

/** Per-session behaviour, chosen by routing or an operator flag for one call. */
export const RuntimePolicy = z.strictObject({
  /** Whether a person at the restaurant can take a transfer now; otherwise a callback. */
  humanAvailable: z.boolean().default(true),
  bargeIn: z.boolean().optional(),
  maxTurns: z.number().int().min(1).max(500).optional(),
  silenceTimeoutMs: z.number().int().min(500).max(60_000).optional(),
  vadHangoverMs: z.number().int().min(0).max(5000).optional(),
  /** Overrides the blueprint's `confirmation.readBackPhone` (e.g. off for typed or DTMF input). */
  readBackPhone: z.boolean().optional(),
  /** Overrides the blueprint's `confirmation.confirmQuantityAbove` (e.g. higher for catering). */
  confirmQuantityAbove: z.number().int().min(1).max(99).optional(),
});
export type RuntimePolicy = z.infer<typeof RuntimePolicy>;
export type RuntimePolicyInput = z.input<typeof RuntimePolicy>;
