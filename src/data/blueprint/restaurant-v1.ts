/** The sector blueprint `restaurant/v1` as data: what any restaurant call needs (§6, §7). */
import type { SectorBlueprintInput } from './schema.ts';

export const restaurantBlueprintV1: SectorBlueprintInput = {
  id: 'restaurant/v1',
  // 2: the phone is read back as soon as it is taken; large quantities are asked back.
  version: 2,
  intents: [
    {
      name: 'place_order',
      description: 'Take an order against the menu, read it back and get an explicit yes.',
      requiredSlots: ['items', 'fulfilment', 'name', 'phone'],
      conditionalSlots: [{ slot: 'address', when: 'fulfilment = delivery' }],
    },
    {
      name: 'modify_order',
      description: 'Change the order being taken (size, quantity, modifiers, remove a line).',
      requiredSlots: ['items'],
    },
    {
      name: 'cancel_order',
      description: 'Drop the order being taken.',
      requiredSlots: [],
    },
    { name: 'ask_hours', description: 'Opening hours, open now.', requiredSlots: [] },
    { name: 'ask_menu', description: 'What is on the menu.', requiredSlots: [] },
    { name: 'ask_price', description: 'The price of an item.', requiredSlots: [] },
    {
      name: 'ask_availability',
      description: 'Whether an item or option is available now.',
      requiredSlots: [],
    },
    { name: 'ask_wait_time', description: 'The current kitchen wait.', requiredSlots: [] },
    {
      name: 'ask_delivery_area',
      description: 'Whether the restaurant delivers to a postcode.',
      requiredSlots: [],
    },
    {
      name: 'speak_to_human',
      description: 'Hand the call to a person: warm transfer, or a callback.',
      requiredSlots: [],
    },
  ],
  validation: [
    'items_exist',
    'items_available',
    'open_now',
    'kitchen_accepting',
    'delivery_area',
    'delivery_minimum',
    'wait_time_stated',
    'age_restricted_notice',
  ],
  repair: { maxRepairsBeforeEscalation: 3, maxSilenceReprompts: 2, maxAbusiveTurns: 3 },
  confirmation: {
    readBack: true,
    requireExplicitYes: true,
    readBackPhone: true,
    // One line of more than ten of an item is rare on a takeaway call and cheap to ask back.
    confirmQuantityAbove: 10,
  },
  escalation: {
    triggers: ['low_confidence', 'repair_limit', 'tool_error', 'latency_budget', 'caller_request'],
    minConfidence: 0.3,
    preferredMode: 'warm',
  },
  runtime: {
    bargeIn: true,
    // 600 ms: long enough not to cut a caller who pauses between digits of a phone number.
    vadHangoverMs: 600,
    maxTurns: 40,
    silenceTimeoutMs: 8000,
    turnLatencyBudgetMs: 1500,
  },
};
