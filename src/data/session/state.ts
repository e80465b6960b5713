/** The dialogue state one call carries from turn to turn. Plain data: easy to log and replay. */
import type { SessionOutcome } from '../../contracts/events/index.ts';
import type { OrderLine } from '../../contracts/order/index.ts';

/** What the agent is waiting for. */
export const Phase = {
  ordering: 'ordering',
  chooseOption: 'choose_option',
  fulfilment: 'fulfilment',
  offerPickup: 'offer_pickup',
  belowMinimum: 'below_minimum',
  name: 'name',
  phone: 'phone',
  address: 'address',
  confirm: 'confirm',
  ended: 'ended',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export interface SpokenAddressSlot {
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
}

/**
 * A line waiting for a choice the caller did not make (a size without default, a variant), or
 * for how many they want after they said no to a quantity read back to them.
 */
export interface PendingChoice {
  lineIndex: number;
  kind: 'size' | 'variant' | 'quantity';
}

/**
 * A detail read back for a yes before the call moves on: the phone number just taken, or an
 * implausibly large quantity. The phase is `confirm` meanwhile (a yes or no is expected).
 */
export type DetailCheck = { kind: 'phone' } | { kind: 'quantity'; lineIndex: number };

export interface DialogueState {
  phase: Phase;
  lines: OrderLine[];
  /** The caller said the order is complete ("that's all", or moved on to other details). */
  orderComplete: boolean;
  /**
   * The answer to "Anything else?" could not be used, and the agent asked the yes/no question
   * "Is that everything for your order?" instead: a "yes" now completes the order.
   */
  doneAsked?: boolean;
  fulfilment?: 'pickup' | 'delivery';
  name?: string;
  /** The name could not be understood: the order goes under the phone number. */
  nameByPhone?: boolean;
  /** E.164. */
  phone?: string;
  /**
   * The phone number read back is settled: the caller said yes, or it was noted as heard after
   * refusals (phone-check.ts). Unset while the read-back is off.
   */
  phoneSettled?: boolean;
  /** The number last read back and refused: a part said next mends it. */
  refusedPhone?: string;
  /** Phone read-backs the caller said no to, in a row: bounded like repairs. */
  phoneDenials?: number;
  /** The detail read back and awaiting a yes or no. */
  checking?: DetailCheck;
  /** The agent could not answer a question and offered someone at the restaurant: a yes accepts. */
  personOffered?: boolean;
  /** Large quantities the caller confirmed, as `item:quantity`: not asked again. */
  confirmedQuantities?: string[];
  address: SpokenAddressSlot;
  /** `asap` or a local `HH:MM`. */
  requestedTime: 'asap' | { at: string };
  language: 'en' | 'nl';
  /** The agent asked a Dutch speaker to continue in English. */
  languageAsked: boolean;
  /** Caller turns so far (a silence counts). */
  turns: number;
  /** Repair prompts the agent needed. */
  repairs: number;
  /** Consecutive turns the agent could not use. */
  failedTurns: number;
  abusiveTurns: number;
  /** Consecutive silent turns. */
  silences: number;
  pending?: PendingChoice;
  readBacks: number;
  /** Something stopped the order (outside the area, below the minimum, no delivery). */
  blocker?: 'delivery_area' | 'delivery_minimum' | 'no_delivery' | 'closed' | 'paused';
  /** Set when the call ended. */
  outcome?: SessionOutcome;
  orderReference?: string;
}

export function initialState(): DialogueState {
  return {
    phase: Phase.ordering,
    lines: [],
    orderComplete: false,
    address: {},
    requestedTime: 'asap',
    language: 'en',
    languageAsked: false,
    turns: 0,
    repairs: 0,
    failedTurns: 0,
    abusiveTurns: 0,
    silences: 0,
    readBacks: 0,
  };
}
