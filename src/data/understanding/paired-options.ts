/**
 * Options the menu itself pairs: two options some item includes together ("salt" and "vinegar"
 * on fish and chips), or joined by "and" in a menu name ("salt and pepper chips"). "extra salt
 * and vinegar" qualifies such a pair as one; "extra cheese and jalapenos" qualifies the cheese.
 */
import { targetsOf } from './anchors.ts';
import type { MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { phraseStems } from './text.ts';

const pairsByLexicon = new WeakMap<MenuLexicon, Set<string>>();

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function buildPairs(lexicon: MenuLexicon): Set<string> {
  const pairs = new Set<string>();
  for (const info of lexicon.items.values()) {
    const included = [...info.includes];
    for (const a of included) for (const b of included) if (a !== b) pairs.add(pairKey(a, b));
  }
  const names = [...lexicon.items.values()].flatMap((info) =>
    [info.item.name, ...info.item.aliases].map((name) => ` ${phraseStems(name).join(' ')} `),
  );
  for (const group of lexicon.groups.values()) {
    for (const a of group.options)
      for (const b of group.options) {
        if (a === b) continue;
        const joined = ` ${phraseStems(a.name).join(' ')} and ${phraseStems(b.name).join(' ')} `;
        if (names.some((name) => name.includes(joined))) pairs.add(pairKey(a.id, b.id));
      }
  }
  return pairs;
}

/** Whether the menu pairs options `a` and `b` (option ids). */
export function pairedOptions(lexicon: MenuLexicon, a: string, b: string): boolean {
  let pairs = pairsByLexicon.get(lexicon);
  if (!pairs) {
    pairs = buildPairs(lexicon);
    pairsByLexicon.set(lexicon, pairs);
  }
  return pairs.has(pairKey(a, b));
}

/** "extra salt and vinegar": the phrase after the "and" at `index` names an option paired with `option`. */
export function pairedNext(
  pieces: readonly Piece[],
  index: number,
  option: string,
  lexicon: MenuLexicon,
): boolean {
  const next = pieces[index + 1];
  return (
    next?.kind === 'phrase' &&
    targetsOf(next.entries, 'option').some((target) =>
      pairedOptions(lexicon, option, target.optionId),
    )
  );
}
