/**
 * The words and phrases a caller of this restaurant is likely to say, taken from its menu: item
 * names and aliases, categories, variants, modifier groups and their options (sizes included).
 * A local recogniser builds its language model from them; a cloud one sends them as boosts.
 */
import type { MenuV1 } from '../../../contracts/menu/index.ts';

export interface MenuVocabularyOptions {
  /**
   * Append {@link menuOrderPhrases} after the menu's own phrases (a cloud recogniser that keeps
   * only the first N terms still gets the names first). @default true
   */
  orderPhrases?: boolean;
}

/**
 * Distinct phrases (trimmed, first spelling kept, compared case-insensitively): the menu's names
 * in menu order, then how callers combine them ({@link menuOrderPhrases}).
 */
export function menuVocabulary(menu: MenuV1, options: MenuVocabularyOptions = {}): string[] {
  const phrases: string[] = [];
  const add = (phrase: string) => phrases.push(phrase);
  for (const item of menu.items) {
    if (!item.available) continue;
    add(item.name);
    item.aliases.forEach(add);
    add(item.category);
    for (const variant of item.variants ?? []) {
      add(variant.name);
      variant.aliases.forEach(add);
    }
  }
  for (const group of menu.modifierGroups) {
    add(group.name);
    for (const option of group.options) {
      add(option.name);
      option.aliases.forEach(add);
    }
  }
  if (options.orderPhrases ?? true) phrases.push(...menuOrderPhrases(menu));
  return distinct(phrases);
}

/**
 * How callers combine the menu's words, as short phrases that follow its structure: a size of
 * the item's own size group before the item ("large pepperoni pizza"), an option of a group the
 * item has after it ("pepperoni pizza with extra mushrooms", with the group's qualifiers), an
 * included option taken off ("hawaiian no pineapple"), a variant before it ("twelve wings" is
 * spelled by the recogniser). A local recogniser's language model learns these word orders; a
 * cloud one may use the first few as phrase boosts. Item names and aliases are all used; options
 * are named by their name (aliases are in {@link menuVocabulary}).
 */
export function menuOrderPhrases(menu: MenuV1): string[] {
  const groups = new Map(menu.modifierGroups.map((group) => [group.id, group]));
  const phrases: string[] = [];
  for (const item of menu.items) {
    if (!item.available) continue;
    const names = [item.name, ...item.aliases];
    const itemGroups = item.modifierGroups.flatMap((id) => groups.get(id) ?? []);
    for (const name of names) {
      for (const group of itemGroups) {
        for (const option of group.options) {
          if (group.kind === 'size') {
            for (const size of [option.name, ...option.aliases]) phrases.push(`${size} ${name}`);
            continue;
          }
          phrases.push(`${name} with ${option.name}`);
          for (const qualifier of group.qualifiers) {
            phrases.push(`${name} with ${qualifier} ${option.name}`);
          }
        }
      }
      for (const variant of item.variants ?? []) {
        for (const spoken of [variant.name, ...variant.aliases]) phrases.push(`${spoken} ${name}`);
      }
      for (const included of item.includes) {
        const option = itemGroups
          .filter((group) => group.removable)
          .flatMap((group) => group.options)
          .find((candidate) => candidate.id === included);
        if (option) phrases.push(`${name} no ${option.name}`, `${name} without ${option.name}`);
      }
    }
  }
  return distinct(phrases);
}

/** Trimmed, single-spaced, first spelling of each kept (case-insensitive), in order. */
function distinct(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  return phrases
    .map((phrase) => phrase.trim().replace(/\s+/g, ' '))
    .filter((phrase) => {
      const key = phrase.toLowerCase();
      if (phrase === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
