/** Answers to questions asked at any point of a call (hours, prices, menu, stock, wait, area). */
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { DialogueAct } from '../understanding/index.ts';
import type { TurnContext } from './turn-context.ts';
import { deliverySettings, effectiveHours } from './turn-context.ts';
import { categoryAnswer, categoryNamed } from './category-answer.ts';
import { waitMinutesFor } from './wait-times.ts';
import {
  alternativeFor,
  categories,
  findItem,
  formatMoney,
  isAvailable,
  joinWords,
  openingState,
  postcodeInArea,
  priceLine,
} from './menu-facts.ts';

type Question = Extract<DialogueAct, { type: 'question' }>;

export function answerQuestion(question: Question, context: TurnContext, text = ''): string {
  // A category asked about ("do you have vegetarian dishes?") when no one dish was named.
  const asked =
    question.topic === 'availability' || question.topic === 'menu' ? question.topic : undefined;
  const category =
    asked && question.itemIds.length === 0 ? categoryNamed(text, context.menu) : undefined;
  const listed =
    asked &&
    category &&
    categoryAnswer(category, context.menu, context.kitchen.unavailable_item_ids, asked);
  if (listed) return listed;
  switch (question.topic) {
    case 'hours':
      return answerHours(context);
    case 'price':
      return answerPrice(question, context);
    case 'menu':
      return answerMenu(question, context.menu);
    case 'availability':
      return answerAvailability(question, context);
    case 'wait_time':
      return answerWait(context);
    case 'delivery_area':
      return answerDeliveryArea(question, context);
  }
}

export function answerHours(context: TurnContext): string {
  const state = openingState(effectiveHours(context), context.config.overlay.timezone, context.now);
  if (state.open && state.today)
    return `We're open today from ${state.today.open} until ${state.closesAt ?? state.today.close}.`;
  if (state.open) return `We're open now${state.closesAt ? ` until ${state.closesAt}` : ''}.`;
  if (state.nextOpening)
    return `We're closed right now. We open again ${state.nextOpening.today ? 'today' : `on ${state.nextOpening.day}`} at ${state.nextOpening.time}.`;
  return "We're closed right now.";
}

function answerPrice(question: Question, context: TurnContext): string {
  const { menu } = context;
  const item = question.itemIds.map((id) => findItem(menu, id)).find(Boolean);
  if (!item) return `Which item would you like the price of?`;
  const sizeGroup = menu.modifierGroups.find(
    (group) => group.kind === 'size' && item.modifierGroups.includes(group.id),
  );
  if (sizeGroup && sizeGroup.options.length > 1) {
    const prices = sizeGroup.options.map(
      (option) =>
        `${option.name} ${formatMoney(priceLine(menu, { item: item.id, quantity: 1, size: option.id, modifiers: [] })!.unitPriceMinor, menu.currency)}`,
    );
    return `The ${item.name} is ${joinWords(prices)}.`;
  }
  const price = priceLine(menu, { item: item.id, quantity: 1, modifiers: [] })!;
  return `The ${item.name} is ${formatMoney(price.unitPriceMinor, menu.currency)}.`;
}

export function menuOverview(menu: MenuV1): string {
  const names = categories(menu);
  if (names.length === 0) return "I'm sorry, there's nothing on the menu right now.";
  return `We have ${joinWords(names.map((name) => name.toLowerCase()))}.`;
}

function answerMenu(question: Question, menu: MenuV1): string {
  const item = question.itemIds.map((id) => findItem(menu, id)).find(Boolean);
  if (!item) return menuOverview(menu);
  const sameCategory = menu.items.filter((other) => other.category === item.category);
  return `For ${item.category.toLowerCase()} we have ${joinWords(sameCategory.slice(0, 8).map((other) => other.name))}.`;
}

function answerAvailability(question: Question, context: TurnContext): string {
  const { menu, kitchen } = context;
  const items = question.itemIds.map((id) => findItem(menu, id)).filter((item) => !!item);
  if (items.length > 0) {
    const item = items[0]!;
    if (isAvailable(item, kitchen.unavailable_item_ids)) return `Yes, we have the ${item.name}.`;
    const alternative = alternativeFor(menu, item, kitchen.unavailable_item_ids);
    return `Sorry, the ${item.name} is sold out right now.${alternative ? ` We do have the ${alternative.name}.` : ''}`;
  }
  const option = question.options[0];
  if (option) {
    const group = menu.modifierGroups.find((candidate) => candidate.id === option.groupId);
    const choice = group?.options.find((candidate) => candidate.id === option.optionId);
    if (choice) return `Yes, we have ${choice.name}.`;
  }
  return `I'm not sure we have that. ${menuOverview(menu)}`;
}

function answerWait(context: TurnContext): string {
  const { kitchen } = context;
  if (kitchen.state === 'paused') return "The kitchen isn't taking new orders at the moment.";
  const delivery =
    deliverySettings(context).enabled && kitchen.delivery_wait_minutes !== null
      ? ` Delivery takes about ${waitMinutesFor(kitchen, 'delivery')} minutes.`
      : '';
  return `Pickup orders are ready in about ${kitchen.pickup_wait_minutes} minutes.${delivery}`;
}

function answerDeliveryArea(question: Question, context: TurnContext): string {
  const delivery = deliverySettings(context);
  if (!delivery.enabled) return "Sorry, we don't deliver. You're welcome to pick up your order.";
  const minimum =
    delivery.minimumOrder > 0
      ? ` The minimum order for delivery is ${formatMoney(Math.round(delivery.minimumOrder * 100), context.menu.currency)}.`
      : '';
  if (question.postcode) {
    return postcodeInArea(question.postcode, delivery.postcodes)
      ? `Yes, we deliver to ${question.postcode}.${minimum}`
      : `Sorry, we don't deliver to ${question.postcode}, but you can pick up your order.`;
  }
  return `We deliver to postcodes ${joinWords(delivery.postcodes.slice(0, 10))}.${minimum}`;
}
