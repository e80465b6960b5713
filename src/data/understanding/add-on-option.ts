/**
 * "a garlic bread and a garlic dip": an option whose own words name its group ("garlic dip" of
 * the group "dip") is a thing added to the item just named, not a second one of that item the
 * way "and a paneer one" or "and one keema" is. Only for a single article-counted option that
 * names no item.
 */
import type { Anchor } from './anchors.ts';
import { targetsOf } from './anchors.ts';
import type { MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { phraseStems } from './text.ts';

/** Whether "a <qualifiers>" is one option of `reference` that names its own group. */
export function addsOnTo(
  pieces: readonly Piece[],
  count: number,
  qualifiers: readonly number[],
  reference: Anchor,
  lexicon: MenuLexicon,
): boolean {
  const article = pieces[count];
  const only = qualifiers.length === 1 ? pieces[qualifiers[0]!] : undefined;
  if (article?.kind !== 'number' || !article.article || only?.kind !== 'phrase') return false;
  const info = reference.itemId === undefined ? undefined : lexicon.items.get(reference.itemId);
  if (!info || targetsOf(only.entries, 'item').length > 0) return false;
  return targetsOf(only.entries, 'option').some((option) => {
    const group = lexicon.groups.get(option.groupId);
    if (!group || group.kind === 'size' || !info.groupIds.has(group.id)) return false;
    const groupKey = phraseStems(group.name).join('');
    return groupKey !== '' && only.key.endsWith(groupKey) && only.key !== groupKey;
  });
}
