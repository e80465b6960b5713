/**
 * What the agent knows about one menu, in words and minor units: line prices, spoken line
 * descriptions, opening hours in the location's time zone, the delivery area.
 */
import { toMinorUnits } from '../../contracts/common/money.ts';
import type { MenuItemV1, MenuV1, OpeningHoursV1 } from '../../contracts/menu/index.ts';
import type { OrderLine } from '../../contracts/order/index.ts';
import { pluralise } from './plural.ts';
import { numberToWords } from './spoken.ts';

export interface PricedModifier {
  group: string;
  option: string;
  action: 'add' | 'remove';
  qualifier?: 'extra' | 'light';
  name: string;
  price_minor: number;
}

export interface PricedLine {
  line: OrderLine;
  item: MenuItemV1;
  sizeId: string | undefined;
  sizeName: string | undefined;
  variantName: string | undefined;
  modifiers: PricedModifier[];
  basePriceMinor: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}

export function findItem(menu: MenuV1, itemId: string): MenuItemV1 | undefined {
  return menu.items.find((item) => item.id === itemId);
}

function sizeGroupOf(menu: MenuV1, item: MenuItemV1) {
  return menu.modifierGroups.find(
    (group) => group.kind === 'size' && item.modifierGroups.includes(group.id),
  );
}

/** Resolves names and prices of one line from the menu; undefined when the item is unknown. */
export function priceLine(menu: MenuV1, line: OrderLine): PricedLine | undefined {
  const item = findItem(menu, line.item);
  if (!item) return undefined;
  const minor = (amount: number) => toMinorUnits(amount, menu.currency);
  const sizeGroup = sizeGroupOf(menu, item);
  const sizeId = line.size ?? sizeGroup?.default;
  const size = sizeGroup?.options.find((option) => option.id === sizeId);
  const variant = item.variants?.find((candidate) => candidate.id === line.variant);
  const basePriceMinor = Math.max(
    0,
    minor(item.price) + (size ? minor(size.price) : 0) + (variant ? minor(variant.price) : 0),
  );
  const modifiers: PricedModifier[] = [];
  for (const modifier of line.modifiers) {
    const group = menu.modifierGroups.find((candidate) => candidate.id === modifier.group);
    const option = group?.options.find((candidate) => candidate.id === modifier.option);
    if (!group || !option) continue;
    modifiers.push({
      group: modifier.group,
      option: modifier.option,
      action: modifier.action,
      ...(modifier.qualifier ? { qualifier: modifier.qualifier } : {}),
      name: option.name,
      price_minor: modifier.action === 'remove' ? 0 : minor(option.price),
    });
  }
  // Not clamped: OrderDraft checks unit = base + surcharges exactly.
  const unitPriceMinor =
    basePriceMinor + modifiers.reduce((sum, modifier) => sum + modifier.price_minor, 0);
  return {
    line,
    item,
    sizeId: size?.id,
    sizeName: size?.name,
    variantName: variant?.name,
    modifiers,
    basePriceMinor,
    unitPriceMinor,
    lineTotalMinor: unitPriceMinor * line.quantity,
  };
}

export function subtotalMinor(menu: MenuV1, lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + (priceLine(menu, line)?.lineTotalMinor ?? 0), 0);
}

/** "€14.50" in the menu's currency. */
export function formatMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** "two large pepperoni pizzas with extra mushrooms, no onions". */
export function describeLine(menu: MenuV1, line: OrderLine): string {
  const priced = priceLine(menu, line);
  if (!priced) return line.item;
  const parts: string[] = [numberToWords(line.quantity)];
  const sizeGroup = sizeGroupOf(menu, priced.item);
  if (priced.sizeName && sizeGroup && line.size !== undefined) parts.push(priced.sizeName);
  if (priced.variantName && !/^\d/.test(priced.variantName)) parts.push(priced.variantName);
  parts.push(line.quantity > 1 ? pluralise(priced.item.name) : priced.item.name);
  let text = parts.join(' ');
  if (priced.variantName && /^\d/.test(priced.variantName)) text += `, ${priced.variantName}`;
  const adds = priced.modifiers
    .filter((modifier) => modifier.action === 'add')
    .map((modifier) => `${modifier.qualifier ? `${modifier.qualifier} ` : ''}${modifier.name}`);
  const removes = priced.modifiers
    .filter((modifier) => modifier.action === 'remove')
    .map((modifier) => modifier.name);
  if (adds.length > 0) text += ` with ${joinWords(adds)}`;
  if (removes.length > 0) text += `${adds.length > 0 ? ',' : ''} without ${joinWords(removes)}`;
  return text;
}

export { pluralise };

export function joinWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)!}`;
}

/** Whether an item can be sold right now: on the menu as available and not sold out. */
export function isAvailable(item: MenuItemV1, unavailableItemIds: readonly string[]): boolean {
  return item.available && !unavailableItemIds.includes(item.id);
}

/** Another available item of the same category, to offer instead of a sold-out one. */
export function alternativeFor(
  menu: MenuV1,
  item: MenuItemV1,
  unavailableItemIds: readonly string[],
): MenuItemV1 | undefined {
  return menu.items.find(
    (other) =>
      other.id !== item.id &&
      other.category === item.category &&
      isAvailable(other, unavailableItemIds),
  );
}

export function categories(menu: MenuV1): string[] {
  return [...new Set(menu.items.map((item) => item.category))];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_NAMES: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export interface LocalTime {
  /** `mon` … `sun`. */
  weekday: (typeof WEEKDAYS)[number];
  /** Minutes since local midnight. */
  minutes: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `+01:00`. */
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(now).map((part) => [part.type, part.value]),
  );
  const weekday = (parts.weekday ?? 'Mon').slice(0, 3).toLowerCase() as LocalTime['weekday'];
  const offsetText = (parts.timeZoneName ?? 'GMT').replace('GMT', '');
  return {
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    offset: offsetText === '' ? '+00:00' : offsetText,
  };
}

/**
 * `now` as an ISO date-time in the restaurant's time zone, with its offset
 * (`2026-01-07T19:30:05+01:00`): a kitchen ticket shows the time the kitchen lives in.
 */
export function localIsoDateTime(now: Date, timeZone: string): string {
  const local = localTime(now, timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  const clock = `${two(Math.floor(local.minutes / 60))}:${two(local.minutes % 60)}:${two(now.getUTCSeconds())}`;
  return `${local.date}T${clock}${local.offset}`;
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

export interface OpeningState {
  open: boolean;
  /** Today's closing time when open, `HH:MM`. */
  closesAt?: string;
  /** The next opening, when closed. */
  nextOpening?: { day: string; time: string; today: boolean };
  /** Today's hours in words ("from 16:00 until 22:00"), if open today. */
  today?: { open: string; close: string };
}

/** Whether the location is open at `now`; hours are local times in `timeZone`. */
export function openingState(
  hours: readonly OpeningHoursV1[],
  timeZone: string,
  now: Date,
): OpeningState {
  // No hours published: the restaurant decides by switching overflow on, so treat as open.
  if (hours.length === 0) return { open: true };
  const local = localTime(now, timeZone);
  const dayIndex = WEEKDAYS.indexOf(local.weekday);
  const yesterday = WEEKDAYS[(dayIndex + 6) % 7]!;
  let state: OpeningState = { open: false };
  for (const entry of hours) {
    const open = toMinutes(entry.open);
    const close = toMinutes(entry.close);
    const overnight = close <= open;
    if (entry.days.includes(local.weekday)) {
      state.today ??= { open: entry.open, close: entry.close };
      if (local.minutes >= open && (overnight || local.minutes < close))
        return { open: true, closesAt: entry.close, today: state.today };
    }
    if (overnight && entry.days.includes(yesterday) && local.minutes < close)
      return { open: true, closesAt: entry.close, ...(state.today ? { today: state.today } : {}) };
  }
  for (let ahead = 0; ahead < 8; ahead++) {
    const day = WEEKDAYS[(dayIndex + ahead) % 7]!;
    const starts = hours
      .filter((entry) => entry.days.includes(day))
      .map((entry) => toMinutes(entry.open))
      .filter((start) => ahead > 0 || start > local.minutes)
      .sort((a, b) => a - b);
    if (starts.length > 0) {
      const start = starts[0]!;
      const time = `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`;
      state = { ...state, nextOpening: { day: DAY_NAMES[day]!, time, today: ahead === 0 } };
      break;
    }
  }
  return state;
}

/** Postcodes compare on their digits and letters only, the area entry as a prefix ("1016" ⊂ "1016 AB"). */
export function postcodeInArea(postcode: string, area: readonly string[]): boolean {
  const key = postcode.replace(/\s+/g, '').toUpperCase();
  return area.some((entry) => {
    const prefix = entry.replace(/\s+/g, '').toUpperCase();
    return prefix !== '' && key.startsWith(prefix);
  });
}
