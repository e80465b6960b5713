/**
 * The words and phrases a caller of this restaurant is likely to say, taken from its menu: item
 * names and aliases, categories, variants, modifier groups and their options (sizes included).
 * A local recogniser builds its language model from them; a cloud one sends them as boosts.
 */
import type { MenuV1 } from '../../../contracts/menu/index.ts';

/** Distinct phrases (trimmed, first spelling kept, compared case-insensitively), menu order. */
export function menuVocabulary(menu: MenuV1): string[] {
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
