/**
 * The menu lexicon: every way a caller may name something on one menu, compiled once per menu
 * object. Phrases come from the menu alone (names, aliases, categories, group and option names,
 * variants) plus generated forms (singular stems, joined compounds, "X pizza" ↔ "X", "oat" ↔
 * "oat milk", spoken numbers for numeric variants).
 */
import type {
  MenuItemV1,
  MenuV1,
  ModifierGroupV1,
  ModifierQualifier,
} from '../../contracts/menu/index.ts';
import { dutchPluralForms } from './dutch-plurals.ts';
import { numberToWords, numberWordValue } from './numbers.ts';
import { phraseStems, stem } from './text.ts';
import { CUE_PHRASES, COMMON_WORDS } from './vocabulary.ts';

/** What a phrase of the menu points at. */
export type LexTarget =
  | { kind: 'item'; itemId: string; generic: boolean }
  | { kind: 'option'; groupId: string; optionId: string; qualifier?: ModifierQualifier }
  | { kind: 'variant'; itemId: string; variantId: string; standalone: boolean }
  | { kind: 'group'; groupId: string }
  | { kind: 'category'; category: string };

export interface LexEntry {
  target: LexTarget;
  /** Generated rather than written in the menu: loses to any written phrase with the same key. */
  derived: boolean;
}

/** Everything the parser needs to know about one item, precomputed. */
export interface ItemInfo {
  item: MenuItemV1;
  groups: ModifierGroupV1[];
  groupIds: ReadonlySet<string>;
  sizeGroup: ModifierGroupV1 | undefined;
  includes: ReadonlySet<string>;
  categoryKey: string;
}

export interface MenuLexicon {
  menu: MenuV1;
  /** Phrase key (stems joined without spaces) → what it names. */
  phrases: ReadonlyMap<string, readonly LexEntry[]>;
  /** Phrase keys grouped by length in letters, for the fuzzy scan. */
  keysByLength: ReadonlyMap<number, readonly string[]>;
  /** The most tokens any phrase spans. */
  maxPhraseTokens: number;
  items: ReadonlyMap<string, ItemInfo>;
  groups: ReadonlyMap<string, ModifierGroupV1>;
  /** Category key → the item a bare category word orders ("a pizza"), if the menu has one. */
  genericItemByCategory: ReadonlyMap<string, string>;
}

const cache = new WeakMap<MenuV1, MenuLexicon>();
const CUE_KEYS = new Set(CUE_PHRASES.map((cue) => cue.words.join('')));
const QUALIFIER_PREFIX: Record<string, ModifierQualifier> = { extra: 'extra', light: 'light' };

/** Compiles (or returns the cached) lexicon of a validated menu. */
export function compileMenu(menu: MenuV1): MenuLexicon {
  const cached = cache.get(menu);
  if (cached) return cached;
  const lexicon = buildLexicon(menu);
  cache.set(menu, lexicon);
  return lexicon;
}

function buildLexicon(menu: MenuV1): MenuLexicon {
  const explicit = new Map<string, LexEntry[]>();
  const derived = new Map<string, LexEntry[]>();
  let maxPhraseTokens = 1;
  const add = (words: string[], target: LexTarget, isDerived: boolean, spokenNumber = false) => {
    if (words.length === 0) return;
    const key = words.join('');
    if (key === '') return;
    if (
      isDerived &&
      !spokenNumber &&
      (CUE_KEYS.has(key) || (words.length === 1 && COMMON_WORDS.has(key)))
    )
      return;
    const table = isDerived ? derived : explicit;
    const entries = table.get(key) ?? [];
    if (!entries.some((entry) => sameTarget(entry.target, target))) {
      entries.push({ target, derived: isDerived });
    }
    table.set(key, entries);
    maxPhraseTokens = Math.max(maxPhraseTokens, words.length);
  };

  const groups = new Map(menu.modifierGroups.map((group) => [group.id, group]));
  for (const group of menu.modifierGroups) {
    const groupWords = phraseStems(group.name);
    // A group called "extras" must not shadow the cue "extra" (nor "no", "with", …).
    if (group.kind !== 'size' && !CUE_KEYS.has(groupWords.join(''))) {
      add(groupWords, { kind: 'group', groupId: group.id }, false);
    }
    for (const option of group.options) {
      const target = { kind: 'option' as const, groupId: group.id, optionId: option.id };
      for (const phrase of [option.name, ...option.aliases]) {
        const words = phraseStems(phrase);
        const qualifier = QUALIFIER_PREFIX[words[0] ?? ''];
        const usable = qualifier && group.qualifiers.includes(qualifier);
        add(words, usable ? { ...target, qualifier } : target, false);
        if (usable) add(words.slice(1), target, true);
        // "oat" ↔ "oat milk", "thin crust" ↔ "thin": the group name is optional.
        if (endsWith(words, groupWords))
          add(words.slice(0, words.length - groupWords.length), target, true);
        else add([...words, ...groupWords], target, true);
        addJoinedAndSplit(words, target, add);
      }
    }
  }

  const items = new Map<string, ItemInfo>();
  const genericItemByCategory = new Map<string, string>();
  for (const item of menu.items) {
    const itemGroups = item.modifierGroups.flatMap((id) => groups.get(id) ?? []);
    const categoryWords = phraseStems(item.category);
    const categoryKey = categoryWords.join('');
    items.set(item.id, {
      item,
      groups: itemGroups,
      groupIds: new Set(item.modifierGroups),
      sizeGroup: itemGroups.find((group) => group.kind === 'size'),
      includes: new Set(item.includes),
      categoryKey,
    });
    const phrases = [item.name, ...item.aliases];
    for (const phrase of phrases) {
      const words = phraseStems(phrase);
      const isCategoryWord = words.join('') === categoryKey;
      if (isCategoryWord && !genericItemByCategory.has(categoryKey)) {
        genericItemByCategory.set(categoryKey, item.id);
      }
    }
  }
  const itemPhrases = menu.items.map((item) => ({
    itemId: item.id,
    phrases: [item.name, ...item.aliases].map((phrase) => phraseStems(phrase)),
  }));
  const itemWords = new Set(itemPhrases.flatMap((entry) => entry.phrases.flat()));
  const itemPhraseKeys = new Set(
    itemPhrases.flatMap((entry) => entry.phrases.map((words) => words.join(''))),
  );
  // "chicken" cut from "chicken wrap" would steal "a chicken one" from "chicken shish": a short form that
  // another item's name also contains says too little to name this item.
  const sharedWithOtherItem = (words: string[], itemId: string) =>
    itemPhrases.some(
      (entry) =>
        entry.itemId !== itemId &&
        entry.phrases.some((phrase) => phrase.length > words.length && containsRun(phrase, words)),
    );
  const variantNameForms = new Map<string, { words: string[]; target: LexTarget }[]>();
  for (const item of menu.items) {
    const info = items.get(item.id)!;
    const isGeneric = genericItemByCategory.get(info.categoryKey) === item.id;
    const categoryWords = phraseStems(item.category);
    [item.name, ...item.aliases].forEach((phrase, index) => {
      const words = phraseStems(phrase);
      // The category word and one-word synonyms of it ("a pie with ...") describe; a longer
      // alias ("lamb doner") names the item as firmly as its full name does.
      const generic = isGeneric && index > 0 && words.length === 1;
      const target = { kind: 'item' as const, itemId: item.id, generic };
      add(words, target, false);
      addJoinedAndSplit(words, target, add);
      for (const plural of dutchPluralForms(words)) add(plural, target, true);
      if (categoryWords.length > 0) {
        if (endsWith(words, categoryWords) && words.length > categoryWords.length) {
          const short = words.slice(0, words.length - categoryWords.length);
          if (!sharedWithOtherItem(short, item.id)) add(short, target, true);
        } else if (startsWith(words, categoryWords) && words.length > categoryWords.length) {
          const short = words.slice(categoryWords.length);
          if (!sharedWithOtherItem(short, item.id)) add(short, target, true);
        } else if (words.join('') !== categoryWords.join('')) {
          add([...words, ...categoryWords], target, true);
        }
      }
    });
    for (const variant of item.variants ?? []) {
      const variantTarget = (standalone: boolean) =>
        ({ kind: 'variant', itemId: item.id, variantId: variant.id, standalone }) as const;
      for (const phrase of [variant.name, ...variant.aliases]) {
        const words = phraseStems(phrase);
        const standalone = isStandaloneVariant(words, itemWords);
        add(words, variantTarget(standalone), false);
        // "nine nuggets" orders like "9 nuggets"; a bare "nine" still only qualifies.
        for (const spoken of spokenNumberForms(words)) {
          const spokenStandalone = standalone && isStandaloneVariant(spoken, itemWords);
          add(spoken, variantTarget(spokenStandalone), true, true);
        }
        for (const form of variantInNameForms(words, item, itemPhraseKeys)) {
          const key = form.join('');
          const forms = variantNameForms.get(key) ?? [];
          forms.push({ words: form, target: variantTarget(true) });
          variantNameForms.set(key, forms);
        }
      }
    }
    if (categoryWords.length > 0)
      add(categoryWords, { kind: 'category', category: info.categoryKey }, true);
  }

  // "cod and chips" names one item's variant; a form two items would make ("beef meal") names none.
  for (const forms of variantNameForms.values()) {
    if (new Set(forms.map((form) => ownerOf(form.target))).size > 1) continue;
    for (const form of forms) {
      add(form.words, form.target, true);
      addJoinedAndSplit(form.words, form.target, add);
    }
  }

  const phrases = new Map<string, LexEntry[]>(explicit);
  for (const [key, entries] of derived) {
    const written = phrases.get(key);
    if (written) {
      // A generated form never overrides a written one, except to add a category tag, or an
      // item's short name ("marinara" of "pizza marinara") beside a written option: where it
      // stands ("a marinara" vs "with marinara") decides which one is meant.
      const categories = entries.filter((entry) => entry.target.kind === 'category');
      const shortName = writtenForOptionsOnly(written) ? soleItem(entries) : [];
      if (categories.length + shortName.length > 0)
        phrases.set(key, [...written, ...shortName, ...categories]);
      continue;
    }
    const nonCategory = entries.filter((entry) => entry.target.kind !== 'category');
    const owners = new Set(nonCategory.map((entry) => ownerOf(entry.target)));
    // Two items deriving the same short form make it ambiguous: drop it.
    if (owners.size > 1 && nonCategory.every((entry) => entry.target.kind === 'item')) {
      const rest = entries.filter((entry) => entry.target.kind === 'category');
      if (rest.length > 0) phrases.set(key, rest);
      continue;
    }
    phrases.set(key, entries);
  }
  const keysByLength = new Map<number, string[]>();
  for (const key of phrases.keys()) {
    const bucket = keysByLength.get(key.length) ?? [];
    bucket.push(key);
    keysByLength.set(key.length, bucket);
  }
  return { menu, phrases, keysByLength, maxPhraseTokens, items, groups, genericItemByCategory };
}

function writtenForOptionsOnly(written: readonly LexEntry[]): boolean {
  return written.every((entry) => entry.target.kind === 'option');
}

/** The derived entries when they name exactly one item, else none. */
function soleItem(entries: readonly LexEntry[]): LexEntry[] {
  const items = entries.filter((entry) => entry.target.kind === 'item');
  return new Set(items.map((entry) => ownerOf(entry.target))).size === 1 ? items : [];
}

function ownerOf(target: LexTarget): string {
  switch (target.kind) {
    case 'item':
      return `item:${target.itemId}`;
    case 'option':
      return `option:${target.groupId}:${target.optionId}`;
    case 'variant':
      return `variant:${target.itemId}:${target.variantId}`;
    case 'group':
      return `group:${target.groupId}`;
    case 'category':
      return `category:${target.category}`;
  }
}

function sameTarget(a: LexTarget, b: LexTarget): boolean {
  return ownerOf(a) === ownerOf(b) && JSON.stringify(a) === JSON.stringify(b);
}

function endsWith(words: string[], tail: string[]): boolean {
  if (tail.length === 0 || words.length < tail.length) return false;
  return tail.every((word, k) => words[words.length - tail.length + k] === word);
}

function containsRun(words: string[], run: string[]): boolean {
  for (let k = 0; k + run.length <= words.length; k++)
    if (run.every((word, j) => words[k + j] === word)) return true;
  return false;
}

function startsWith(words: string[], head: string[]): boolean {
  if (head.length === 0 || words.length < head.length) return false;
  return head.every((word, k) => words[k] === word);
}

/** "coca cola" also as "cocacola" is implicit (keys join words); add "and"-less forms. */
function addJoinedAndSplit(
  words: string[],
  target: LexTarget,
  add: (words: string[], target: LexTarget, derived: boolean) => void,
): void {
  const withoutAnd = words.filter((word) => word !== 'and' && word !== 'n');
  if (withoutAnd.length !== words.length && withoutAnd.length > 1) add(withoutAnd, target, true);
}

/** "6 pieces" → "6", "six", "six piece", "half dozen"...: how callers say a numeric variant. */
function spokenNumberForms(words: string[]): string[][] {
  const digits = words.find((word) => /^\d+$/.test(word));
  if (digits === undefined) return [];
  const value = Number(digits);
  const rest = words.filter((word) => word !== digits);
  const spoken = numberToWords(value)?.split(' ') ?? [];
  const forms: string[][] = [[digits], [digits, ...rest]];
  if (spoken.length > 0) forms.push(spoken, [...spoken, ...rest]);
  const unit = rest.map(stem);
  if (unit.length > 0) forms.push([digits, ...unit]);
  if (value === 6) forms.push(['half', 'dozen'], ['half', 'a', 'dozen'], ['a', 'half', 'dozen']);
  if (value === 12) forms.push(['dozen'], ['a', 'dozen']);
  if (value === 24) forms.push(['two', 'dozen']);
  return forms;
}

/**
 * "cod and chips" for variant "cod" of "fish and chips": the variant said in place of the first
 * word of a multi-word item name orders that variant.
 */
function variantInNameForms(
  variantWords: string[],
  item: MenuItemV1,
  itemPhraseKeys: ReadonlySet<string>,
): string[][] {
  if (variantWords.some((word) => NUMBERISH.test(word) || numberWordValue(word) !== undefined))
    return [];
  // "double cheeseburger" from "bacon cheeseburger": a rest that names an item on its own is
  // that item, qualified.
  return [item.name, ...item.aliases]
    .map((phrase) => phraseStems(phrase))
    .filter(
      (words) =>
        words.length > 1 &&
        !startsWith(words, variantWords) &&
        !itemPhraseKeys.has(words.slice(1).join('')),
    )
    .map((words) => [...variantWords, ...words.slice(1)]);
}

const NUMBERISH = /^(\d+|half|dozen|pieces?|pcs?)$/;

/**
 * A variant phrase that orders the item on its own ("pain au chocolat", "six wings"), rather
 * than qualifying an item named next to it ("chocolate", "six", "half dozen").
 */
const LINKING_WORDS = new Set(['of', 'and', 'with', 'the', 'a', 'on']);

function isStandaloneVariant(words: string[], itemWords: ReadonlySet<string>): boolean {
  if (words.length < 2) return false;
  const numberish = words.some(
    (word) => NUMBERISH.test(word) || numberWordValue(word) !== undefined,
  );
  if (!numberish) return true;
  // "stack of five": a linking word shared with an item name ("side of bacon") names no item.
  return words.some(
    (word) =>
      itemWords.has(word) &&
      !LINKING_WORDS.has(word) &&
      numberWordValue(word) === undefined &&
      !NUMBERISH.test(word),
  );
}
