/**
 * Menu-driven clean-ups of item mentions made with a generic word:
 * - "a pizza with ham and pineapple" → the item whose `includes` are exactly what was
 *   described (beyond what the generic item already has), else the generic item with adds;
 * - "two large pizzas, one margherita and one four cheese" → the named items, with the size.
 */
import type { DraftLine } from './order-parser.ts';
import type { MenuLexicon } from './lexicon.ts';

/** Replaces a described generic item by the menu item its toppings name, if one fits. */
export function resolveDescriptions(drafts: DraftLine[], lexicon: MenuLexicon): void {
  for (const draft of drafts) {
    if (!draft.anchor.generic || draft.splitFrom !== undefined) continue;
    const generic = lexicon.items.get(draft.line.item);
    if (!generic) continue;
    const named = new Set(
      draft.line.modifiers
        .filter((modifier) => modifier.action === 'add' && modifier.qualifier === undefined)
        .map((modifier) => `${modifier.group}:${modifier.option}`),
    );
    if (named.size === 0) continue;
    let best: { itemId: string; covered: Set<string> } | undefined;
    let tie = false;
    for (const candidate of lexicon.items.values()) {
      if (candidate.item.id === generic.item.id || candidate.categoryKey !== generic.categoryKey)
        continue;
      if (!candidate.item.available) continue;
      if ([...generic.groupIds].some((groupId) => !candidate.groupIds.has(groupId))) continue;
      const extra = [...candidate.includes].filter((optionId) => !generic.includes.has(optionId));
      if (extra.length === 0) continue;
      const covered = new Set<string>();
      const fits = extra.every((optionId) => {
        const key = [...named].find((entry) => entry.endsWith(`:${optionId}`));
        if (key) covered.add(key);
        return key !== undefined;
      });
      if (!fits) continue;
      if (!best || covered.size > best.covered.size) {
        best = { itemId: candidate.item.id, covered };
        tie = false;
      } else if (covered.size === best.covered.size) tie = true;
    }
    if (!best || tie) continue;
    const chosen = best;
    draft.line.item = chosen.itemId;
    draft.line.modifiers = draft.line.modifiers.filter(
      (modifier) =>
        !(
          modifier.action === 'add' &&
          modifier.qualifier === undefined &&
          chosen.covered.has(`${modifier.group}:${modifier.option}`)
        ),
    );
  }
}

/**
 * "two large pizzas, one margherita and one quattro formaggi": a generic mention with nothing
 * of its own, followed by named items of its category, only announces them — it is dropped
 * and its size and variant go to the named items that lack one.
 */
export function foldGenericMentions(drafts: DraftLine[], lexicon: MenuLexicon): DraftLine[] {
  const dropped = new Set<number>();
  drafts.forEach((draft, index) => {
    if (!draft.anchor.generic || draft.splitFrom !== undefined || draft.line.modifiers.length > 0)
      return;
    const followers: DraftLine[] = [];
    for (let k = index + 1; k < drafts.length; k++) {
      const next = drafts[k]!;
      if (next.splitFrom === index) continue;
      if (next.anchor.categoryWord || next.anchor.category !== draft.anchor.category) break;
      followers.push(next);
    }
    if (followers.length === 0) {
      if (draft.line.item === '') dropped.add(index);
      return;
    }
    const total = followers.reduce((sum, next) => sum + next.line.quantity, 0);
    const splits = drafts.filter((other) => other.splitFrom === index);
    const announced =
      draft.line.quantity + splits.reduce((sum, other) => sum + other.line.quantity, 0);
    // Only a placeholder, or a count the named items fill exactly, is an announcement: "a burger
    // and a cheeseburger" is two items, and so is "three doners and a chicken shish".
    if (draft.line.item !== '' && (announced < 2 || total !== draft.line.quantity)) return;
    for (const next of followers) {
      const info = lexicon.items.get(next.line.item);
      const size = draft.line.size;
      if (
        next.line.size === undefined &&
        size !== undefined &&
        info?.sizeGroup?.options.some((option) => option.id === size)
      ) {
        next.line.size = size;
      }
    }
    dropped.add(index);
  });
  return drafts.filter((_, index) => !dropped.has(index));
}
