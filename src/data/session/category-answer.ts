/**
 * "Do you have vegetarian dishes?", "what desserts do you do?": a menu category named in a
 * question is answered with what it holds, when no single item was named.
 */
import type { MenuV1 } from '../../contracts/menu/index.ts';
import { foldText } from '../understanding/index.ts';
import { isAvailable, joinWords } from './menu-facts.ts';

/** Up to this many dishes are said; a longer list is cut with "and more". */
const MAX_SAID = 6;

const singular = (word: string) => word.replace(/(?<=..)(?:es|s)$/, '');

/** The menu category whose name the question says (any plural), if any. */
export function categoryNamed(text: string, menu: MenuV1): string | undefined {
  const words = new Set(foldText(text).split(' ').map(singular));
  return [...new Set(menu.items.map((item) => item.category))]
    .filter((category) => {
      const name = foldText(category).split(' ').filter(Boolean).map(singular);
      return name.length > 0 && name.every((word) => words.has(word));
    })
    .sort((a, b) => b.length - a.length)[0];
}

/** "Yes, for vegetarian we have saag paneer, tarka dal and …", from the available items. */
export function categoryAnswer(
  category: string,
  menu: MenuV1,
  unavailableItemIds: readonly string[],
  asked: 'availability' | 'menu',
): string | undefined {
  const names = menu.items
    .filter((item) => item.category === category && isAvailable(item, unavailableItemIds))
    .map((item) => item.name);
  if (names.length === 0) return undefined;
  const said = names.length > MAX_SAID ? [...names.slice(0, MAX_SAID), 'more'] : names;
  const lead = asked === 'availability' ? 'Yes, for' : 'For';
  return `${lead} ${category.toLowerCase()} we have ${joinWords(said)}.`;
}
