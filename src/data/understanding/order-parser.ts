/**
 * Turns spotted pieces into order lines: one line per item mention, with the quantity, size,
 * variant and modifiers found in its stretch, then the menu-driven clean-ups (descriptions
 * resolved to a named item, "two pizzas, one X and one Y" folded into X and Y).
 */
import type { ModifierQualifier } from '../../contracts/menu/index.ts';
import type { OrderLine } from '../../contracts/order/index.ts';
import type { Anchor } from './anchors.ts';
import { findAnchors, targetsOf } from './anchors.ts';
import type { MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { applyModifier, applyToGroup } from './modifiers.ts';
import { resolveDescriptions, foldGenericMentions } from './descriptions.ts';
import { dropCorrectedLines } from './corrections.ts';
import { splitCounts } from './count-split.ts';
import { clampQuantity } from './numbers.ts';
import { applyCountOfEach } from './of-each.ts';
import { pairedNext } from './paired-options.ts';

/** A line being built, with what the clean-up rules need to know about its mention. */
export interface DraftLine {
  line: OrderLine;
  anchor: Anchor;
  /** Index of the line this one was split from ("two lattes, one with oat"). */
  splitFrom?: number;
}

interface ModifierState {
  action: 'add' | 'remove';
  qualifier: ModifierQualifier | undefined;
  broadcast: boolean;
  lastGroup: string | undefined;
  /** After "no wait" / "actually": a count replaces the line's count instead of splitting it. */
  correcting: boolean;
  /** The option a phrase just applied. */
  lastOption: string | undefined;
  /** The qualified option just applied: "and" passes its qualifier on to a paired option. */
  listed: { qualifier: ModifierQualifier; option: string } | undefined;
}

/** Order lines for the item mentions in `pieces`. */
export function parseOrderLines(pieces: readonly Piece[], lexicon: MenuLexicon): DraftLine[] {
  const anchors = findAnchors(pieces, lexicon);
  const drafts: DraftLine[] = [];
  for (const anchor of anchors) {
    const line: OrderLine = { item: anchor.itemId ?? '', quantity: 1, modifiers: [] };
    if (anchor.variantId !== undefined) line.variant = anchor.variantId;
    const own = drafts.length;
    const draft: DraftLine = { line, anchor };
    drafts.push(draft);
    let target = own;
    const state: ModifierState = {
      action: 'add',
      qualifier: undefined,
      broadcast: false,
      lastGroup: undefined,
      correcting: false,
      lastOption: undefined,
      listed: undefined,
    };
    const counts = splitCounts(pieces, anchor);
    for (let p = anchor.prefixStart; p < anchor.end; p++) {
      const piece = pieces[p]!;
      const listed = state.listed;
      state.listed = undefined;
      if (p === anchor.piece) {
        // An elided mention ("and two keema") is anchored on its count, which may be a spoken
        // numeric variant ("and two pork ones" of 2-piece tacos).
        if (piece.kind === 'number') line.quantity = clampQuantity(piece.value);
        else if (
          anchor.elided &&
          piece.kind === 'phrase' &&
          !applyPhrase(draft, piece, state, lexicon, p)
        )
          line.quantity = clampQuantity(piece.number ?? 1);
        state.action = 'add';
        state.qualifier = undefined;
        continue;
      }
      if (p === anchor.pronoun) continue;
      const before = p < anchor.piece;
      if (piece.kind === 'number') {
        if (before) line.quantity = clampQuantity(piece.value);
        else if (state.correcting && !piece.article)
          drafts[target]!.line.quantity = clampQuantity(piece.value);
        else if (!piece.article) target = splitLine(drafts, own, target, piece.value);
        continue;
      }
      if (piece.kind === 'times') {
        if (!before) {
          const counted = drafts[target]!.line;
          counted.quantity = clampQuantity(counted.quantity * piece.value);
        }
        continue;
      }
      if (piece.kind === 'cue') {
        applyCue(state, piece.cue);
        if (piece.cue === 'correction' && !before) state.correcting = true;
        if (piece.cue === 'and' && listed && pairedNext(pieces, p, listed.option, lexicon))
          state.qualifier = listed.qualifier;
        continue;
      }
      if (piece.kind === 'break') {
        state.qualifier = undefined;
        continue;
      }
      if (piece.kind === 'word') {
        if (!before && (piece.text === 'other' || piece.text === 'rest') && target !== own)
          target = own;
        continue;
      }
      if (piece.number !== undefined && counts.has(p)) {
        target = splitLine(drafts, own, target, piece.number);
        continue;
      }
      if (
        piece.number !== undefined &&
        (before ? namesLaterVariant(pieces, anchor, p, lexicon) : state.correcting)
      ) {
        // A spoken number that is also a variant is the count when another variant follows
        // ("two four-piece baklava", "two orders of six wings") or after "no wait" ("…, no wait, two").
        line.quantity = clampQuantity(piece.number);
        continue;
      }
      state.lastOption = undefined;
      const recipients = state.broadcast ? drafts.map((_, k) => k) : [target];
      let applied = false;
      for (const k of recipients)
        applied = applyPhrase(drafts[k]!, piece, state, lexicon, p) || applied;
      if (!applied && piece.number !== undefined && before)
        line.quantity = clampQuantity(piece.number);
      else if (!applied) applyElsewhere(drafts, target, piece, state, lexicon);
      if (applied && state.qualifier !== undefined && state.lastOption !== undefined)
        state.listed = { qualifier: state.qualifier, option: state.lastOption };
      state.qualifier = undefined;
    }
  }
  applyCountOfEach(drafts, pieces);
  const kept = dropCorrectedLines(drafts, pieces, lexicon);
  resolveDescriptions(kept, lexicon);
  return foldGenericMentions(kept, lexicon).filter((draft) => draft.line.item !== '');
}

/** Whether a later piece of the mention names a variant of its item. */
function namesLaterVariant(
  pieces: readonly Piece[],
  anchor: Anchor,
  index: number,
  lexicon: MenuLexicon,
): boolean {
  const itemId = anchor.itemId;
  if (itemId === undefined || !lexicon.items.get(itemId)?.item.variants?.length) return false;
  for (let p = index + 1; p < anchor.end; p++) {
    const piece = pieces[p]!;
    if (piece.kind !== 'phrase') continue;
    if (targetsOf(piece.entries, 'variant').some((target) => target.itemId === itemId)) return true;
  }
  return false;
}

function applyCue(state: ModifierState, cue: string): void {
  switch (cue) {
    case 'with':
    case 'correction':
      state.action = 'add';
      state.qualifier = undefined;
      break;
    case 'without':
      state.action = 'remove';
      state.qualifier = undefined;
      break;
    case 'extra':
      state.action = 'add';
      state.qualifier = 'extra';
      break;
    case 'light':
      state.action = 'add';
      state.qualifier = 'light';
      break;
    case 'all':
      state.broadcast = true;
      break;
    case 'and':
      state.qualifier = undefined;
      break;
  }
}

/** "two lattes, one with oat": a new line of `value` taken from the mentioned line. */
function splitLine(drafts: DraftLine[], own: number, current: number, value: number): number {
  const parent = drafts[own]!;
  if (value >= parent.line.quantity) return current === own ? current : own;
  parent.line.quantity -= value;
  drafts.push({
    line: {
      ...parent.line,
      quantity: value,
      modifiers: parent.line.modifiers.map((modifier) => ({ ...modifier })),
    },
    anchor: parent.anchor,
    splitFrom: own,
  });
  return drafts.length - 1;
}

/** Applies a size, variant, option or group phrase to one line; false if it does not fit. */
function applyPhrase(
  draft: DraftLine,
  piece: Extract<Piece, { kind: 'phrase' }>,
  state: ModifierState,
  lexicon: MenuLexicon,
  index: number,
): boolean {
  const info = lexicon.items.get(draft.line.item);
  if (!info) return applySizeToPlaceholder(draft, piece, lexicon);
  const variant = targetsOf(piece.entries, 'variant').find(
    (target) => target.itemId === info.item.id,
  );
  if (variant) {
    draft.line.variant = variant.variantId;
    return true;
  }
  const options = targetsOf(piece.entries, 'option');
  const size = options.find((option) => option.groupId === info.sizeGroup?.id);
  if (size) {
    draft.line.size = size.optionId;
    return true;
  }
  for (const option of options) {
    const group = lexicon.groups.get(option.groupId);
    if (!group || !info.groupIds.has(group.id)) continue;
    if (
      applyModifier(
        draft.line,
        info,
        group,
        option.optionId,
        state.action,
        state.qualifier ?? option.qualifier,
      )
    ) {
      state.lastGroup = `${index}:${group.id}`;
      state.lastOption = option.optionId;
      return true;
    }
  }
  for (const target of targetsOf(piece.entries, 'group')) {
    const group = lexicon.groups.get(target.groupId);
    if (!group || !info.groupIds.has(group.id)) continue;
    // "oat milk" spoken as "oat" + "milk": the group word only confirms the option before it.
    if (
      state.lastGroup === `${index - 1}:${group.id}` &&
      state.qualifier === undefined &&
      state.action === 'add'
    )
      return true;
    if (applyToGroup(draft.line, info, group, state.action, state.qualifier)) return true;
  }
  return false;
}

/** A bare category ("two large pizzas, one X and one Y") keeps its size for the lines it splits into. */
function applySizeToPlaceholder(
  draft: DraftLine,
  piece: Extract<Piece, { kind: 'phrase' }>,
  lexicon: MenuLexicon,
): boolean {
  const sizes = targetsOf(piece.entries, 'option').filter(
    (option) => lexicon.groups.get(option.groupId)?.kind === 'size',
  );
  const first = sizes[0];
  if (!first) return false;
  draft.line.size = first.optionId;
  return true;
}

/** A modifier that does not fit its line goes to the nearest other line it fits. */
function applyElsewhere(
  drafts: DraftLine[],
  current: number,
  piece: Extract<Piece, { kind: 'phrase' }>,
  state: ModifierState,
  lexicon: MenuLexicon,
): void {
  const order = drafts
    .map((_, k) => k)
    .filter((k) => k !== current)
    .sort((a, b) => Math.abs(a - current) - Math.abs(b - current));
  for (const k of order) {
    if (applyPhrase(drafts[k]!, piece, state, lexicon, -10)) return;
  }
}
