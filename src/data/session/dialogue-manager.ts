/**
 * The dialogue manager: a deterministic state machine over dialogue acts. One call to
 * {@link stepDialogue} per caller turn: it updates the state and returns what the agent says and,
 * at most, one effect for the session to carry out (commit the order, escalate, end).
 * It does no I/O and never throws for any understanding.
 */
import { toMinorUnits } from '../../contracts/common/money.ts';
import type {
  EscalationMode,
  EscalationReason,
  SessionOutcome,
} from '../../contracts/events/index.ts';
import type { OrderLine } from '../../contracts/order/index.ts';
import type { DialogueAct, EditAct, Understanding } from '../understanding/index.ts';
import { applyEdit } from '../understanding/index.ts';
import { isAbusive } from './abuse.ts';
import { answerHours, answerQuestion, menuOverview } from './answers.ts';
import {
  alternativeFor,
  describeLine,
  findItem,
  formatMoney,
  isAvailable,
  joinWords,
  openingState,
  postcodeInArea,
  priceLine,
  subtotalMinor,
} from './menu-facts.ts';
import { addressFromAnswer, postcodeFormat } from './address-answer.ts';
import { nameFromAnswer } from './name-answer.ts';
import { withoutRestatedItems } from './restated-lines.ts';
import { isUnknownQuestion, unknownQuestionReply } from './unknown-question.ts';
import { waitMinutesFor } from './wait-times.ts';
import {
  answerPhoneAgain,
  answerPhoneCheck,
  phoneCheckPrompt,
  phoneCheckRepair,
  spokenPhone,
} from './phone-check.ts';
import {
  answerQuantity,
  howManyPrompt,
  lineToCheck,
  needsQuantityCheck,
  quantityCheckPrompt,
} from './quantity-check.ts';
import { detailAnswerActs, readBackActs } from './stray-items.ts';
import { normalisePhone } from './slots.ts';
import { capitalise, vary } from './spoken.ts';
import type { DialogueState } from './state.ts';
import { Phase } from './state.ts';
import type { TurnContext } from './turn-context.ts';
import { deliverySettings, effectiveHours } from './turn-context.ts';

/** An answer that says it is a name. */
const NAME_LEAD =
  /^\s*(?:(?:um|uh|yes|yeah|okay|ok|so|sure)[\s,]+)*(?:my name is|my name's|the name is|name is|name's|it's under|put it under|under the name)\b/i;

export type DialogueEffect =
  | { kind: 'commit_order' }
  | { kind: 'escalate'; mode: EscalationMode; reason: EscalationReason; summary: string }
  | { kind: 'end'; outcome: SessionOutcome };

export interface DialogueStep {
  /** What the agent says: plain sentences for TTS. */
  reply: string;
  effect?: DialogueEffect;
}

type ActOf<T extends DialogueAct['type']> = Extract<DialogueAct, { type: T }>;

function find<T extends DialogueAct['type']>(acts: readonly DialogueAct[], type: T) {
  return acts.find((act): act is ActOf<T> => act.type === type);
}

/** The greeting, or a closed / paused notice that ends the call at once. */
export function openDialogue(state: DialogueState, context: TurnContext): DialogueStep {
  const { overlay } = context.config;
  const opening = openingState(effectiveHours(context), overlay.timezone, context.now);
  if (!opening.open) {
    state.blocker = 'closed';
    return end(
      state,
      `Thanks for calling ${overlay.restaurantName}. ${answerHours(context)} Please call back then. Goodbye.`,
      'no_order',
    );
  }
  if (context.kitchen.state === 'paused') {
    state.blocker = 'paused';
    return end(
      state,
      `Thanks for calling ${overlay.restaurantName}. I'm sorry, the kitchen isn't taking new orders right now. Please try again a bit later. Goodbye.`,
      'no_order',
    );
  }
  if (context.menu.items.length === 0) {
    return escalate(state, context, 'policy', `Thanks for calling ${overlay.restaurantName}.`);
  }
  return {
    reply:
      overlay.greeting ??
      `Hi, thanks for calling ${overlay.restaurantName}. What can I get for you?`,
  };
}

/** One caller turn. `text` is the raw utterance ('' for silence). */
export function stepDialogue(
  state: DialogueState,
  text: string,
  understanding: Understanding,
  context: TurnContext,
): DialogueStep {
  if (state.phase === Phase.ended) return { reply: '' };
  state.turns++;
  // Whether the agent's last question was "Is that everything for your order?" (asked once).
  const doneAsked = state.doneAsked === true;
  state.doneAsked = undefined;
  const { config } = context;
  if (state.turns > config.runtime.maxTurns)
    return escalate(state, context, 'policy', "We've been going for a while.");

  if (text.trim() === '') return onSilence(state, context);
  state.silences = 0;
  const isMenuWord = (word: string) => context.lexicon.phrases.has(word);
  // An answer to the address question is read as one even when the recogniser wrote its numbers
  // as words ("one zero one six" is a postcode here, not an order of one cola zero).
  const heardAddress =
    state.phase === Phase.address
      ? addressFromAnswer(text, {
          isMenuWord,
          ...postcodeFormat(deliverySettings(context).postcodes),
        })
      : undefined;
  const addressAnswer =
    heardAddress && (heardAddress.postcode || (heardAddress.street && heardAddress.houseNumber))
      ? heardAddress
      : undefined;
  // "My name is Sanne de Boer" after "what name?" is a name, not a fuzzy "peroni beer".
  const namedAnswer =
    state.phase === Phase.name && NAME_LEAD.test(text)
      ? nameFromAnswer(text, isMenuWord)
      : undefined;
  // Digits of a house number and postcode can look like a phone number, never a name's words.
  const notAnswerActs = addressAnswer
    ? ['add_items', 'edit', 'off_menu', 'provide_phone']
    : ['add_items', 'edit', 'off_menu'];
  const heardActs =
    addressAnswer || namedAnswer
      ? understanding.acts.filter((act) => !notAnswerActs.includes(act.type))
      : understanding.acts;
  // Stray menu words in a yes or a detail ("yep coffee right") are not an order (stray-items.ts).
  const acts =
    state.phase === Phase.confirm
      ? readBackActs(text, heardActs)
      : ([Phase.name, Phase.phone, Phase.address] as Phase[]).includes(state.phase)
        ? detailAnswerActs(text, heardActs)
        : heardActs;

  if (find(acts, 'speak_to_human')) return escalate(state, context, 'caller_request', '');
  // A yes to "I can connect you with someone who can tell you" after a question we could not answer.
  const personOffered = state.personOffered;
  state.personOffered = undefined;
  if (personOffered && find(acts, 'affirm') && acts.every((act) => act.type === 'affirm'))
    return escalate(state, context, 'caller_request', 'Of course.');
  if (isUnknownQuestion(text, acts)) {
    // At the read-back a yes places the order, so the offer is not made there.
    const offer = state.phase !== Phase.confirm;
    state.personOffered = offer || undefined;
    return { reply: unknownQuestionReply(currentPrompt(state, context), offer) };
  }

  const orderActs = acts.filter(
    (act) => act.type === 'add_items' || act.type === 'edit' || act.type === 'cancel_order',
  );
  if (isAbusive(text) && orderActs.length === 0) {
    state.abusiveTurns++;
    state.failedTurns++;
    if (
      state.abusiveTurns >= config.repair.maxAbusiveTurns ||
      state.failedTurns > config.repair.maxRepairsBeforeEscalation
    ) {
      return end(
        state,
        "I'm going to end the call now. If you'd like to order, please call again. Goodbye.",
        'ended_by_agent',
      );
    }
    state.repairs++;
    return {
      reply: `I'm here to help you with an order, so let's keep it friendly. ${currentPrompt(state, context)}`,
    };
  }

  // The answer to a detail read back for a yes (the phone number, a large quantity) or to "How many?".
  const checked = answerDetailCheck(state, text, acts, context);
  if (checked) return checked;

  const said: string[] = [];
  let progress = false;

  // A Dutch opening: v1 speaks English; ask once whether that is all right.
  if (
    understanding.language === 'nl' &&
    !state.languageAsked &&
    orderActs.length === 0 &&
    state.lines.length === 0 &&
    state.phase === Phase.ordering
  ) {
    state.languageAsked = true;
    state.language = 'nl';
    return {
      reply:
        'Sorry, I can only help in English at the moment. Is it okay if we continue in English? What would you like to order?',
    };
  }

  for (const act of acts) {
    if (act.type === 'question') {
      said.push(answerQuestion(act, context, text));
      progress = true;
    }
  }

  const offMenu = find(acts, 'off_menu');
  // While a name, number or address is awaited, unknown words are a misheard answer, not a dish.
  const awaitingDetail = ([Phase.name, Phase.phone, Phase.address] as Phase[]).includes(
    state.phase,
  );
  if (
    offMenu &&
    !awaitingDetail &&
    !find(acts, 'add_items') &&
    !find(acts, 'provide_name') &&
    !find(acts, 'provide_phone')
  ) {
    said.push(`Sorry, we don't have ${offMenu.phrase} on our menu. ${menuOverview(context.menu)}`);
    progress = true;
  }

  if (state.phase === Phase.confirm && !state.checking)
    state.lines = withoutRestatedItems(state.lines, text, acts);
  // The answer to the choice just asked ("Which kids meal: fish, nuggets or sausage?" →
  // "nuggets") fills it first, even when the word is also a dish of its own: otherwise the
  // dish is added, the choice stays open and the same question comes back for ever.
  // A size or variant that belongs to another dish said in the same breath ("and a small coke")
  // is that dish's, not the answer: then the choice stays open, as before.
  let actsToApply: readonly DialogueAct[] = acts;
  let choiceFilled = false;
  if (state.phase === Phase.chooseOption && state.pending) {
    const pending = state.pending;
    const line = state.lines[pending.lineIndex];
    const before = line ? { size: line.size, variant: line.variant } : undefined;
    const chosen = resolvePendingChoice(state, text, context);
    if (chosen && line && before) {
      const rest = withoutChoiceEchoes(acts, chosen, text, context);
      const takenElsewhere = rest.some(
        (act) =>
          act.type === 'add_items' &&
          act.lines.some(
            (other) =>
              (pending.kind === 'size' && other.size !== undefined && other.size === line.size) ||
              (pending.kind === 'variant' &&
                other.variant !== undefined &&
                other.variant === line.variant),
          ),
      );
      if (takenElsewhere) {
        line.size = before.size;
        line.variant = before.variant;
        state.pending = pending;
      } else {
        choiceFilled = true;
        actsToApply = rest;
      }
    }
  }
  const changed = applyOrderActs(state, actsToApply, context, said);
  if (changed.any || choiceFilled) progress = true;

  // Details given at any point are kept.
  const fulfilment = find(acts, 'fulfilment');
  if (fulfilment) {
    progress = true;
    state.fulfilment = fulfilment.method;
    if (state.blocker === 'delivery_area' || state.blocker === 'no_delivery')
      if (fulfilment.method === 'pickup') state.blocker = undefined;
  }
  const name = find(acts, 'provide_name');
  if (name) {
    state.name = name.name;
    progress = true;
  }
  const phone = find(acts, 'provide_phone');
  if (phone) {
    const normalised = normalisePhone(phone.phone, config.overlay.countryCallingCode);
    if (normalised) {
      if (normalised !== state.phone) state.phoneSettled = false;
      state.phone = normalised;
      progress = true;
    }
  }
  const address = find(acts, 'provide_address');
  if (address && (state.fulfilment === 'delivery' || state.phase === Phase.address)) {
    if (address.street) state.address.street = address.street;
    if (address.houseNumber) state.address.houseNumber = address.houseNumber;
    if (address.postcode) state.address.postcode = address.postcode;
    if (address.city) state.address.city = address.city;
    progress = true;
  }
  if (addressAnswer) {
    for (const slot of ['street', 'houseNumber', 'postcode', 'city'] as const) {
      const value = addressAnswer[slot];
      if (value && !state.address[slot]) state.address[slot] = value;
    }
    progress = true;
  }
  const time = find(acts, 'time_request');
  if (time) {
    state.requestedTime = time.asap || !time.at ? 'asap' : { at: time.at };
    progress = true;
  }

  const affirm = find(acts, 'affirm');
  const deny = find(acts, 'deny');
  const finish = find(acts, 'finish_order');
  const greeting = find(acts, 'greeting');

  switch (state.phase) {
    case Phase.ordering:
      if (doneAsked && state.lines.length > 0 && !changed.any && !finish && (affirm || deny)) {
        // The answer to "Is that everything for your order?": yes completes it, no asks for more.
        if (affirm && !deny) {
          state.orderComplete = true;
          progress = true;
        } else {
          said.push('Sure, what else would you like?');
          state.failedTurns = 0;
          return { reply: said.join(' ') };
        }
      } else if (state.lines.length > 0 && (finish || (deny && !changed.any))) {
        state.orderComplete = true;
        progress = true;
      } else if (state.lines.length === 0 && deny && !changed.any && !offMenu) {
        return end(state, 'No problem. Thanks for calling, goodbye.', 'no_order');
      } else if (affirm && !changed.any && state.lines.length > 0) {
        said.push('Sure, what else would you like?');
        state.failedTurns = 0;
        return { reply: said.join(' ') };
      }
      if (changed.added && (fulfilment || name || phone || finish)) state.orderComplete = true;
      break;
    case Phase.name:
      if (namedAnswer && !name) {
        state.name = namedAnswer;
        progress = true;
      } else if (!state.name && !progress) {
        const heard = nameFromAnswer(text, isMenuWord);
        if (heard) {
          state.name = heard;
          progress = true;
        } else if (state.failedTurns >= 1) {
          // A name the line keeps garbling must not cost the order: the phone number is the key.
          state.nameByPhone = true;
          said.push("No problem, I'll put the order under your phone number.");
          progress = true;
        }
      }
      break;
    case Phase.address:
      if (!address && state.address.street && !state.address.postcode) {
        const postcode = /\b(\d{4}(?:\s?[A-Za-z]{2})?|\d{5})\b/.exec(text)?.[1];
        if (postcode) {
          state.address.postcode = postcode;
          progress = true;
        }
      } else if (
        !address &&
        state.address.street &&
        state.address.postcode &&
        !state.address.city
      ) {
        const city = /^[A-Za-z][A-Za-z .'-]{1,60}$/.exec(text.trim().replace(/[.!]$/, ''))?.[0];
        if (city) {
          state.address.city = capitalise(city.trim());
          progress = true;
        }
      }
      break;
    case Phase.offerPickup:
      if (affirm || fulfilment?.method === 'pickup') {
        state.fulfilment = 'pickup';
        state.blocker = undefined;
        progress = true;
      } else if (deny) {
        return end(
          state,
          "Okay, sorry we couldn't help this time. Thanks for calling, goodbye.",
          'no_order',
        );
      }
      break;
    case Phase.belowMinimum:
      if (fulfilment?.method === 'pickup') {
        state.blocker = undefined;
      } else if (deny && !changed.any) {
        return end(state, 'Okay, no problem. Thanks for calling, goodbye.', 'no_order');
      } else if (affirm && !changed.any) {
        said.push('Sure, what would you like to add?');
        state.phase = Phase.ordering;
        state.orderComplete = false;
        state.failedTurns = 0;
        return { reply: said.join(' ') };
      }
      break;
    case Phase.confirm:
      // A detail check not answered with a yes, a no or a number: never the order's yes, and
      // asked again as a repair (bounded), whatever else the turn changed.
      if (state.checking) {
        if (changed.any) state.orderComplete = true;
        const again = repair(state, context, understanding);
        return { ...again, reply: [...said, again.reply].join(' ') };
      }
      // "No, my number is …" at the read-back is a change too: the new detail is checked and
      // the order read back again.
      if (changed.any || phone || name || address) {
        state.orderComplete = true;
      } else if (affirm && !deny) {
        state.failedTurns = 0;
        return { reply: '', effect: { kind: 'commit_order' } };
      } else if (deny) {
        state.phase = Phase.ordering;
        state.orderComplete = true;
        state.failedTurns = 0;
        return { reply: 'Sorry about that. What would you like to change?' };
      }
      break;
    default:
      break;
  }

  if (!progress && greeting) {
    progress = true;
    said.push('Hi!');
  }
  if (!progress && state.languageAsked && affirm) progress = true;

  if (!progress) return repair(state, context, understanding);
  state.failedTurns = 0;
  const next = advance(state, context);
  if (next.effect) return { reply: [...said, next.reply].join(' ').trim(), effect: next.effect };
  return { reply: [...said, next.reply].join(' ').trim() };
}

/** Adds, edits and cancels; says what changed. */
function applyOrderActs(
  state: DialogueState,
  acts: readonly DialogueAct[],
  context: TurnContext,
  said: string[],
): { any: boolean; added: boolean } {
  let any = false;
  let added = false;
  const { menu, kitchen, lexicon } = context;
  for (const act of acts) {
    if (act.type === 'cancel_order') {
      state.lines = [];
      state.orderComplete = false;
      state.pending = undefined;
      said.push("Okay, I've cleared the order.");
      any = true;
    } else if (act.type === 'add_items') {
      const accepted: OrderLine[] = [];
      for (const line of act.lines) {
        const item = findItem(menu, line.item);
        if (!item) continue;
        if (!isAvailable(item, kitchen.unavailable_item_ids)) {
          const alternative = alternativeFor(menu, item, kitchen.unavailable_item_ids);
          said.push(
            `Sorry, the ${item.name} is sold out right now.${alternative ? ` Would you like the ${alternative.name} instead?` : ''}`,
          );
          any = true;
          continue;
        }
        accepted.push(line);
      }
      if (accepted.length > 0) {
        state.lines.push(...accepted);
        // A quantity to be asked back is not acknowledged as taken first.
        const taken = accepted.filter((line) => !needsQuantityCheck(state, line, context));
        if (taken.length > 0)
          said.push(`Got it: ${joinWords(taken.map((line) => describeLine(menu, line)))}.`);
        any = true;
        added = true;
      }
    } else if (act.type === 'edit') {
      const before = JSON.stringify(state.lines);
      const after = applyEditTolerant(state.lines, act, context);
      if (JSON.stringify(after) !== before) {
        const unavailable = after.find((line) => {
          const item = findItem(menu, line.item);
          return !item || !isAvailable(item, kitchen.unavailable_item_ids);
        });
        if (unavailable) {
          said.push(
            `Sorry, the ${findItem(menu, unavailable.item)?.name ?? 'item'} is sold out right now.`,
          );
          any = true;
          continue;
        }
        state.lines = after;
        said.push(
          state.lines.length > 0
            ? `Okay, changed. That's ${joinWords(state.lines.map((line) => describeLine(menu, line)))}.`
            : "Okay, I've taken that off. The order is empty now.",
        );
        any = true;
      }
      void lexicon;
    }
  }
  return { any, added };
}

/** `applyEdit`, and for a size said after the wrong line ("make the drinks bottles"), the last line it fits. */
function applyEditTolerant(lines: OrderLine[], act: EditAct, context: TurnContext): OrderLine[] {
  const after = applyEdit(lines, act, context.lexicon);
  if (act.edit !== 'set_size' || JSON.stringify(after) !== JSON.stringify(lines)) return after;
  const fitting = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) =>
      act.sizes.some(
        (size) => size.groupId === context.lexicon.items.get(line.item)?.sizeGroup?.id,
      ),
    );
  if (fitting.length === 0) return after;
  const sameItem = fitting.filter(({ line }) => line.item === fitting.at(-1)!.line.item);
  const copy = lines.map((line) => ({ ...line, modifiers: [...line.modifiers] }));
  for (const { line, index } of sameItem) {
    const size = act.sizes.find(
      (candidate) => candidate.groupId === context.lexicon.items.get(line.item)?.sizeGroup?.id,
    );
    if (size) copy[index]!.size = size.optionId;
  }
  return copy;
}

/** The detail check's question, if one is open. */
function checkPrompt(state: DialogueState, context: TurnContext): string | undefined {
  const check = state.checking;
  if (check?.kind === 'phone' && state.phone)
    return phoneCheckPrompt(state.phone, context.config.overlay.countryCallingCode);
  const line = check?.kind === 'quantity' ? state.lines[check.lineIndex] : undefined;
  return line ? quantityCheckPrompt(line, context) : undefined;
}

/**
 * The answer to a detail check or to "How many?": the state is updated and the next prompt
 * follows; undefined when the turn has no yes, no or number for it (it is handled as usual).
 */
function answerDetailCheck(
  state: DialogueState,
  text: string,
  acts: readonly DialogueAct[],
  context: TurnContext,
): DialogueStep | undefined {
  const { config } = context;
  const said: string[] = [];
  if (state.checking?.kind === 'phone') {
    const answer = answerPhoneCheck(state, text, acts, config.overlay.countryCallingCode);
    if (!answer) return undefined;
    said.push(answer.lead);
  } else if (state.phase === Phase.phone && state.refusedPhone) {
    const answer = answerPhoneAgain(state, text, acts, config.overlay.countryCallingCode);
    if (!answer) return undefined;
    said.push(answer.lead);
  } else if (state.checking?.kind === 'quantity' || state.pending?.kind === 'quantity') {
    const item = state.lines[state.checking?.lineIndex ?? state.pending!.lineIndex]?.item;
    const answer = answerQuantity(state, text, acts, context);
    if (!answer) return undefined;
    said.push(answer.lead);
    // Other items in the same answer ("yes, and a garlic bread") are still taken.
    const others = acts.flatMap((act) =>
      act.type === 'add_items'
        ? [{ ...act, lines: act.lines.filter((line) => line.item !== item) }]
        : [],
    );
    applyOrderActs(state, others, context, said);
  } else {
    return undefined;
  }
  state.failedTurns = 0;
  const next = advance(state, context);
  const reply = [...said, next.reply].join(' ').replace(/\s+/g, ' ').trim();
  return next.effect ? { reply, effect: next.effect } : { reply };
}

/** What filled a pending choice: the line's item and the phrase the caller said for it. */
interface ChosenOption {
  itemId: string;
  phrase: string;
}

/**
 * The added lines that only echo the choice just filled: the same dish said again ("two kids
 * meals, nuggets"), or a dish the recogniser or parser reached through the choice's own words
 * ("nuggets" → chicken nuggets, "full stack" → full stack pancakes): once the chosen phrase is
 * taken out of what was said, nothing names that dish. A real addition ("and a cup of tea")
 * still names its dish and keeps its line.
 */
function withoutChoiceEchoes(
  acts: readonly DialogueAct[],
  chosen: ChosenOption,
  text: string,
  context: TurnContext,
): DialogueAct[] {
  const fold = (phrase: string) =>
    ` ${phrase
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()} `;
  const rest = fold(text).replace(fold(chosen.phrase), ' ');
  const namedBesides = (itemId: string) => {
    const item = context.lexicon.items.get(itemId)?.item;
    if (!item) return false;
    return [item.name, ...item.aliases].some((name) => rest.includes(fold(name)));
  };
  return acts.flatMap((act): DialogueAct[] => {
    if (act.type !== 'add_items') return [act];
    const lines = act.lines.filter(
      (line) => line.item !== chosen.itemId && namedBesides(line.item),
    );
    return lines.length > 0 ? [{ ...act, lines }] : [];
  });
}

function resolvePendingChoice(
  state: DialogueState,
  text: string,
  context: TurnContext,
): ChosenOption | undefined {
  const pending = state.pending!;
  const line = state.lines[pending.lineIndex];
  if (!line) return undefined;
  const info = context.lexicon.items.get(line.item);
  const folded = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const mentions = (phrase: string) =>
    folded.includes(
      ` ${phrase
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()} `,
    );
  if (pending.kind === 'size' && info?.sizeGroup) {
    const option = info.sizeGroup.options.find(
      (candidate) =>
        mentions(candidate.name) || candidate.aliases.some(mentions) || mentions(candidate.id),
    );
    if (option) {
      line.size = option.id;
      state.pending = undefined;
      return { itemId: line.item, phrase: saidPhrase(option, mentions) };
    }
  }
  if (pending.kind === 'variant') {
    const variant = info?.item.variants?.find(
      (candidate) =>
        mentions(candidate.name) || candidate.aliases.some(mentions) || mentions(candidate.id),
    );
    if (variant) {
      line.variant = variant.id;
      state.pending = undefined;
      return { itemId: line.item, phrase: saidPhrase(variant, mentions) };
    }
  }
  return undefined;
}

/** The name or alias of a choice that the caller said. */
function saidPhrase(
  choice: { id: string; name: string; aliases: readonly string[] },
  mentions: (phrase: string) => boolean,
): string {
  return [choice.name, ...choice.aliases, choice.id].find(mentions) ?? choice.name;
}

/** The first missing choice on any line: a size group without default, or a variant. */
function findPendingChoice(state: DialogueState, context: TurnContext) {
  for (const [lineIndex, line] of state.lines.entries()) {
    const info = context.lexicon.items.get(line.item);
    if (!info) continue;
    if (info.sizeGroup && !info.sizeGroup.default && line.size === undefined)
      return { lineIndex, kind: 'size' as const };
    if ((info.item.variants?.length ?? 0) > 1 && line.variant === undefined)
      return { lineIndex, kind: 'variant' as const };
  }
  return undefined;
}

/** Moves to the next missing slot or validation step and says the prompt for it. */
function advance(state: DialogueState, context: TurnContext): DialogueStep {
  const { menu } = context;
  const delivery = deliverySettings(context);
  state.checking = undefined;
  if (state.lines.length === 0) {
    state.phase = Phase.ordering;
    state.orderComplete = false;
    state.pending = undefined;
    return { reply: 'What would you like to order?' };
  }
  const howMany =
    state.pending?.kind === 'quantity' ? state.lines[state.pending.lineIndex] : undefined;
  if (howMany) {
    state.phase = Phase.chooseOption;
    return { reply: howManyPrompt(howMany, context) };
  }
  const large = lineToCheck(state, context);
  if (large !== undefined) {
    state.pending = undefined;
    state.checking = { kind: 'quantity', lineIndex: large };
    state.phase = Phase.confirm;
    return { reply: quantityCheckPrompt(state.lines[large]!, context) };
  }
  const pending = findPendingChoice(state, context);
  if (pending) {
    state.pending = pending;
    state.phase = Phase.chooseOption;
    return { reply: choicePrompt(state, context) };
  }
  state.pending = undefined;
  if (!state.orderComplete) {
    state.phase = Phase.ordering;
    return {
      reply: vary(
        ['Anything else?', 'Would you like anything else?', 'Anything more?'],
        state.lines.length,
      ),
    };
  }
  if (!state.fulfilment) {
    if (menu.fulfilment.pickup && !delivery.enabled) state.fulfilment = 'pickup';
    else if (!menu.fulfilment.pickup && delivery.enabled) state.fulfilment = 'delivery';
    else {
      state.phase = Phase.fulfilment;
      return { reply: 'Is that for pickup or delivery?' };
    }
  }
  if (state.fulfilment === 'delivery' && !delivery.enabled) {
    state.blocker = 'no_delivery';
    state.phase = Phase.offerPickup;
    return { reply: "Sorry, we don't do delivery. Would you like to pick it up instead?" };
  }
  if (!state.name && !state.nameByPhone) {
    state.phase = Phase.name;
    return { reply: 'What name should I put the order under?' };
  }
  if (!state.phone) {
    state.phase = Phase.phone;
    return {
      reply: state.refusedPhone
        ? "What's the number, then? Or just the digits I got wrong."
        : "And what's a good phone number for you?",
    };
  }
  if (context.config.confirmation.readBackPhone && !state.phoneSettled) {
    state.checking = { kind: 'phone' };
    state.phase = Phase.confirm;
    return { reply: phoneCheckPrompt(state.phone, context.config.overlay.countryCallingCode) };
  }
  if (state.fulfilment === 'delivery') {
    const address = state.address;
    if (!address.street || !address.houseNumber) {
      state.phase = Phase.address;
      return { reply: "What's the delivery address?" };
    }
    if (!address.postcode) {
      state.phase = Phase.address;
      return { reply: "And what's the postcode?" };
    }
    if (!postcodeInArea(address.postcode, delivery.postcodes)) {
      state.blocker = 'delivery_area';
      state.phase = Phase.offerPickup;
      return {
        reply: `I'm sorry, we don't deliver to ${address.postcode}. Would you like to pick it up instead?`,
      };
    }
    if (!address.city) {
      if (context.config.overlay.defaultCity) address.city = context.config.overlay.defaultCity;
      else {
        state.phase = Phase.address;
        return { reply: 'And which city is that in?' };
      }
    }
    const minimumMinor = toMinorUnits(delivery.minimumOrder, menu.currency);
    const subtotal = subtotalMinor(menu, state.lines);
    if (subtotal < minimumMinor) {
      state.blocker = 'delivery_minimum';
      state.phase = Phase.belowMinimum;
      return {
        reply: `The minimum for delivery is ${formatMoney(minimumMinor, menu.currency)}, and your order comes to ${formatMoney(subtotal, menu.currency)}. Would you like to add something, or pick it up instead?`,
      };
    }
  }
  state.blocker = undefined;
  const opening = openingState(
    effectiveHours(context),
    context.config.overlay.timezone,
    context.now,
  );
  if (!opening.open) {
    state.blocker = 'closed';
    return end(
      state,
      `I'm sorry, ${answerHours(context).replace(/^We/, 'we')} Please call back then. Goodbye.`,
      'no_order',
    );
  }
  if (context.kitchen.state === 'paused') {
    state.blocker = 'paused';
    return end(
      state,
      "I'm sorry, the kitchen has just paused new orders, so I can't place this one. Please try again a bit later. Goodbye.",
      'no_order',
    );
  }
  state.phase = Phase.confirm;
  state.readBacks++;
  return { reply: readBack(state, context) };
}

function choicePrompt(state: DialogueState, context: TurnContext): string {
  const pending = state.pending!;
  const line = state.lines[pending.lineIndex]!;
  if (pending.kind === 'quantity') return howManyPrompt(line, context);
  const info = context.lexicon.items.get(line.item)!;
  const names =
    pending.kind === 'size'
      ? (info.sizeGroup?.options ?? []).map((option) => option.name)
      : (info.item.variants ?? []).map((variant) => variant.name);
  return `Which would you like for the ${info.item.name}: ${joinWords(names, 'or')}?`;
}

/** The read-back: every line with its price, fulfilment, name, phone, total, wait, notices. */
export function readBack(state: DialogueState, context: TurnContext): string {
  const { menu, kitchen, config } = context;
  const delivery = deliverySettings(context);
  const phone = state.phone ? spokenPhone(state.phone, config.overlay.countryCallingCode) : '';
  const lines = state.lines.map((line) => {
    const priced = priceLine(menu, line);
    return `${describeLine(menu, line)}, ${formatMoney(priced?.lineTotalMinor ?? 0, menu.currency)}`;
  });
  const subtotal = subtotalMinor(menu, state.lines);
  const feeMinor = state.fulfilment === 'delivery' ? toMinorUnits(delivery.fee, menu.currency) : 0;
  const where =
    state.fulfilment === 'delivery'
      ? `for delivery to ${state.address.street} ${state.address.houseNumber}, ${state.address.postcode}${feeMinor > 0 ? `, with a delivery fee of ${formatMoney(feeMinor, menu.currency)}` : ''}`
      : 'for pickup';
  const waitMinutes = waitMinutesFor(
    kitchen,
    state.fulfilment === 'delivery' ? 'delivery' : 'pickup',
  );
  const wait =
    waitMinutes >= config.overlay.policies.longWaitMinutes
      ? `Just so you know, the kitchen is very busy: the wait is about ${waitMinutes} minutes.`
      : `It will be ${state.fulfilment === 'delivery' ? 'with you' : 'ready'} in about ${waitMinutes} minutes.`;
  const restricted = state.lines.some((line) => findItem(menu, line.item)?.ageRestricted);
  const notice = restricted
    ? ` Your order has an age-restricted item, so we'll check ID at ${state.fulfilment === 'delivery' ? 'delivery' : 'pickup'}.`
    : '';
  const time = state.requestedTime === 'asap' ? '' : ` You asked for ${state.requestedTime.at}.`;
  return (
    `Let me read that back: ${lines.join('; ')}. That's ${where}, ${state.name ? `under the name ${state.name}, phone` : 'under your phone number,'} ${phone}. ` +
    `The total is ${formatMoney(subtotal + feeMinor, menu.currency)}. ${wait}${time}${notice} Shall I place the order?`
  );
}

/** What the agent is waiting for, asked again (after a question, abuse, or silence). */
export function currentPrompt(state: DialogueState, context: TurnContext): string {
  switch (state.phase) {
    case Phase.ordering:
      return state.lines.length === 0 ? 'What would you like to order?' : 'Anything else?';
    case Phase.chooseOption:
      return state.pending ? choicePrompt(state, context) : 'Anything else?';
    case Phase.fulfilment:
      return 'Is that for pickup or delivery?';
    case Phase.offerPickup:
      return 'Would you like to pick it up instead?';
    case Phase.belowMinimum:
      return 'Would you like to add something, or pick it up instead?';
    case Phase.name:
      return 'What name should I put the order under?';
    case Phase.phone:
      return "What's a good phone number for you?";
    case Phase.address:
      return !state.address.street ? "What's the delivery address?" : "And what's the postcode?";
    case Phase.confirm:
      return checkPrompt(state, context) ?? 'Shall I place the order?';
    case Phase.ended:
      return '';
  }
}

const REPAIRS: Record<string, readonly string[]> = {
  [Phase.ordering]: [
    "Sorry, I didn't catch that. What would you like to order?",
    'Sorry, could you say that again? For example, "a large pepperoni pizza".',
    "I'm still not sure I understood. Which item from the menu would you like?",
  ],
  [Phase.name]: [
    "Sorry, I didn't get the name. What name should I put the order under?",
    'Could you tell me your name once more?',
  ],
  [Phase.phone]: [
    "Sorry, I didn't get that number. Could you say your phone number again, digit by digit?",
    'Could you repeat the phone number, please?',
  ],
  [Phase.address]: [
    "Sorry, I didn't get the address. Could you give me the street, house number and postcode?",
    'Could you repeat the address, please?',
  ],
  [Phase.confirm]: [
    'Sorry, was that a yes? Shall I place the order?',
    'Should I go ahead and place the order? Please say yes or no.',
  ],
};

function repair(
  state: DialogueState,
  context: TurnContext,
  understanding: Understanding,
): DialogueStep {
  state.failedTurns++;
  if (state.failedTurns > context.config.repair.maxRepairsBeforeEscalation) {
    if (state.abusiveTurns > 0)
      return end(state, "I'm going to end the call now. Goodbye.", 'ended_by_agent');
    void understanding;
    return escalate(state, context, 'repair_limit', "I'm sorry, I'm having trouble understanding.");
  }
  state.repairs++;
  if (state.checking?.kind === 'phone' && state.phone) {
    return {
      reply: phoneCheckRepair(state.phone, context.config.overlay.countryCallingCode),
    };
  }
  const check = checkPrompt(state, context);
  if (check)
    return { reply: `Sorry, ${check[0]!.toLowerCase()}${check.slice(1)} Please say yes or no.` };
  if (
    state.phase === Phase.ordering &&
    state.lines.length > 0 &&
    !state.orderComplete &&
    !state.pending
  ) {
    // An answer to "Anything else?" that is neither items nor a closing: a yes/no question is
    // far easier to answer (and to hear) than the open one asked again.
    state.doneAsked = true;
    return {
      reply: vary(
        ['Sorry, is that everything for your order?', 'Is that everything? Please say yes or no.'],
        state.failedTurns - 1,
      ),
    };
  }
  const options = REPAIRS[state.phase];
  if (options) return { reply: vary(options, state.failedTurns - 1) };
  return { reply: `Sorry, I didn't catch that. ${currentPrompt(state, context)}` };
}

function onSilence(state: DialogueState, context: TurnContext): DialogueStep {
  state.silences++;
  if (state.silences > context.config.repair.maxSilenceReprompts) {
    return end(
      state,
      "I can't hear anything, so I'll end the call now. Please call again. Goodbye.",
      'no_order',
    );
  }
  state.repairs++;
  return {
    reply: `${vary(['Are you still there?', 'Hello, can you hear me?'], state.silences - 1)} ${currentPrompt(state, context)}`,
  };
}

function end(state: DialogueState, reply: string, outcome: SessionOutcome): DialogueStep {
  state.phase = Phase.ended;
  state.outcome = outcome;
  return { reply, effect: { kind: 'end', outcome } };
}

/** Hands the call to a person: warm transfer with a summary, or a callback if nobody is free. */
export function escalate(
  state: DialogueState,
  context: TurnContext,
  reason: EscalationReason,
  lead: string,
): DialogueStep {
  const mode: EscalationMode = context.config.escalation.humanAvailable
    ? context.config.escalation.preferredMode
    : 'callback';
  const summary = escalationSummary(state, context, reason);
  state.phase = Phase.ended;
  state.outcome = 'escalated';
  const reply =
    mode === 'callback'
      ? `${lead} Nobody can come to the phone right now, so I've asked the restaurant to call you back${state.phone ? ` on ${state.phone}` : ' on this number'}. Goodbye.`
      : `${lead} Let me put you through to someone at the restaurant. One moment, please.`;
  return { reply: reply.trim(), effect: { kind: 'escalate', mode, reason, summary } };
}

/** The structured summary a person taking over hears or reads. */
export function escalationSummary(
  state: DialogueState,
  context: TurnContext,
  reason: EscalationReason,
): string {
  const items =
    state.lines.length > 0
      ? state.lines.map((line) => describeLine(context.menu, line)).join('; ')
      : 'none';
  return [
    `Reason: ${reason.replace(/_/g, ' ')}.`,
    `Items so far: ${items}.`,
    `Fulfilment: ${state.fulfilment ?? 'unknown'}.`,
    `Name: ${state.name ?? 'unknown'}.`,
    `Phone: ${state.phone ?? 'unknown'}.`,
    state.fulfilment === 'delivery' && state.address.street
      ? `Address: ${[state.address.street, state.address.houseNumber, state.address.postcode, state.address.city].filter(Boolean).join(' ')}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
