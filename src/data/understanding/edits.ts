/**
 * Corrections to an order already spoken: "make that two", "actually large", "no onions on the
 * second one", "remove the coke", "change the cola to a fanta", "cancel that". Detected without
 * any dialogue state; {@link applyEdit} applies one to the current lines.
 */
import type { OrderLine } from '../../contracts/order/index.ts';
import type { DialogueAct, EditAct, EditTarget, ModifierChange } from './acts.ts';
import { targetsOf } from './anchors.ts';
import type { MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { applyModifier, applyToGroup } from './modifiers.ts';
import { parseOrdinalAt } from './numbers.ts';
import { pairedNext } from './paired-options.ts';
import type { DraftLine } from './order-parser.ts';
import type { Token } from './text.ts';

const CANCEL_ORDER =
  /\b(?:(?:cancel|scrap|forget|drop) (?:the |my |this )?(?:whole |entire )?order|cancel (?:everything|it all|all of it)|start (?:over|again)|forget (?:about )?(?:it all|everything)|bestelling annuleren|annuleer (?:de|mijn) bestelling)\b/;
const REMOVE_VERB =
  /\b(remove|take off|take out|take away|cancel|delete|drop|scratch|forget|get rid of|no more|dont want|do not want|leave out|verwijder|haal)\b/;
const REMOVE_LAST =
  /\b(?:cancel|scratch|forget|remove|delete|drop|never ?mind|undo|take off) (?:that|it|this|the last (?:one|thing|item)|that last (?:one|bit|thing))\b/;
const REPLACE_VERB = /\b(change|swap|replace|switch|substitute|instead|rather|make)\b/;
/** Words that put an option next to the earlier ones rather than in their place. */
const ADDING_WORDS = /\b(add|also|too|as well|extra|more|plus|and)\b/;
const CORRECTION_START =
  /^(?:(?:uh|um|oh|er)\s+)*(?:no wait|sorry|wait|actually|i mean|make (?:it|that)|change (?:it|that) to|no\s*,)\b/;
const EDIT_CONTEXT =
  /\b(make (?:it|that|those|them|the|this)|change|swap|switch|replace|instead|actually|no wait|i mean|remove|take off|cancel|scratch|on the|to the|for the|from the|on that|on it|the (?:first|second|third|fourth|fifth|last) one)\b/;
const REFERENCE_WORDS = new Set(['the', 'that', 'this', 'those', 'these']);

export interface EditReading {
  acts: DialogueAct[];
  /** Lines that remain new orders (not references to existing lines or replacements). */
  newLines: DraftLine[];
}

/** Finds edits in the utterance; drafts that only refer to existing lines are taken out. */
export function detectEdits(
  plain: string,
  tokens: readonly Token[],
  pieces: readonly Piece[],
  drafts: readonly DraftLine[],
  lexicon: MenuLexicon,
): EditReading {
  if (CANCEL_ORDER.test(plain))
    return { acts: [{ type: 'cancel_order', confidence: 0.9 }], newLines: [] };
  const editContext = EDIT_CONTEXT.test(plain);
  const isReference = (draft: DraftLine) => {
    if (!editContext || draft.splitFrom !== undefined) return false;
    const anchorPiece = pieces[draft.anchor.piece]!;
    const before = tokens[anchorPiece.start - 1]?.text;
    const prefixHasNumber = pieces
      .slice(draft.anchor.prefixStart, draft.anchor.piece)
      .some((piece) => piece.kind === 'number' && !piece.article);
    return before !== undefined && REFERENCE_WORDS.has(before) && !prefixHasNumber;
  };
  const references = drafts.filter(isReference);
  let newLines = drafts.filter((draft) => !references.includes(draft));
  const ordinalIndex = tokens.findIndex((_, k) => {
    const value = parseOrdinalAt(tokens, k);
    if (value === undefined) return false;
    const referenced = REFERENCE_WORDS.has(tokens[k - 1]?.text ?? '');
    return value === -1 ? referenced && tokens[k + 1]?.text === 'one' : referenced;
  });
  const ordinal = ordinalIndex >= 0 ? parseOrdinalAt(tokens, ordinalIndex) : undefined;
  const firstReference = references[0];
  const target: EditTarget =
    ordinal !== undefined
      ? { kind: 'ordinal', index: ordinal }
      : firstReference
        ? { kind: 'item', itemId: firstReference.line.item }
        : { kind: 'last' };
  const acts: EditAct[] = [];

  if (references.length > 0 && newLines.length > 0 && REPLACE_VERB.test(plain)) {
    acts.push({
      type: 'edit',
      edit: 'replace_item',
      target,
      lines: newLines.map((draft) => draft.line),
      confidence: 0.8,
    });
    return { acts, newLines: [] };
  }
  if (
    newLines.length > 0 &&
    references.length === 0 &&
    CORRECTION_START.test(plain) &&
    !/\b(also|another|add|and a|plus)\b/.test(plain)
  ) {
    acts.push({
      type: 'edit',
      edit: 'replace_item',
      target,
      lines: newLines.map((draft) => draft.line),
      confidence: 0.6,
    });
    return { acts, newLines: [] };
  }
  if (
    newLines.length === 0 &&
    REMOVE_VERB.test(plain) &&
    (references.length > 0 || ordinal !== undefined || REMOVE_LAST.test(plain))
  ) {
    const targets: EditTarget[] =
      references.length > 0
        ? references.map((draft) => ({ kind: 'item', itemId: draft.line.item }))
        : [target];
    for (const each of targets)
      acts.push({ type: 'edit', edit: 'remove_item', target: each, confidence: 0.85 });
    return { acts, newLines };
  }
  if (newLines.length > 0) return { acts, newLines };

  const anchorPieces = new Set(references.map((draft) => draft.anchor.piece));
  const reading = readChanges(tokens, pieces, anchorPieces, lexicon);
  if (REPLACE_VERB.test(plain) && !ADDING_WORDS.test(plain)) {
    for (const change of reading.changes)
      if (change.action === 'add' && change.qualifier === undefined && change.options.length > 0)
        change.replace = true;
  }
  const confidence = editContext || ordinal !== undefined || references.length > 0 ? 0.8 : 0.55;
  if (reading.quantity !== undefined && (editContext || references.length > 0)) {
    acts.push({
      type: 'edit',
      edit: 'set_quantity',
      target,
      quantity: reading.quantity,
      confidence,
    });
  }
  if (reading.sizes.length > 0)
    acts.push({ type: 'edit', edit: 'set_size', target, sizes: reading.sizes, confidence });
  if (reading.changes.length > 0)
    acts.push({ type: 'edit', edit: 'modify', target, changes: reading.changes, confidence });
  newLines = [];
  return { acts, newLines };
}

interface ChangeReading {
  quantity: number | undefined;
  sizes: { groupId: string; optionId: string }[];
  changes: ModifierChange[];
}

function readChanges(
  tokens: readonly Token[],
  pieces: readonly Piece[],
  skip: ReadonlySet<number>,
  lexicon: MenuLexicon,
): ChangeReading {
  const isSize = (groupId: string) => lexicon.groups.get(groupId)?.kind === 'size';
  const reading: ChangeReading = { quantity: undefined, sizes: [], changes: [] };
  let action: 'add' | 'remove' = 'add';
  let qualifier: 'extra' | 'light' | undefined;
  // The qualified options just read: "and" passes the qualifier to a paired option.
  let listed: { qualifier: 'extra' | 'light'; options: string[] } | undefined;
  pieces.forEach((piece, index) => {
    if (skip.has(index)) return;
    const justListed = listed;
    listed = undefined;
    if (piece.kind === 'cue') {
      if (
        piece.cue === 'and' &&
        justListed?.options.some((option) => pairedNext(pieces, index, option, lexicon))
      )
        qualifier = justListed.qualifier;
      if (piece.cue === 'without') action = 'remove';
      if (piece.cue === 'with' || piece.cue === 'correction') action = 'add';
      if (piece.cue === 'extra' || piece.cue === 'light') {
        action = 'add';
        qualifier = piece.cue;
      }
      return;
    }
    if (piece.kind === 'number') {
      const previous = tokens[piece.start - 1]?.text ?? '';
      const refersToLine =
        piece.value === 1 &&
        (parseOrdinalAt(tokens, piece.start - 1) !== undefined || REFERENCE_WORDS.has(previous));
      if (!piece.article && !refersToLine) reading.quantity = piece.value;
      return;
    }
    if (piece.kind !== 'phrase') return;
    const options = targetsOf(piece.entries, 'option');
    const groups = targetsOf(piece.entries, 'group').map((group) => group.groupId);
    const sizeTargets = options.filter((option) => isSize(option.groupId));
    if (sizeTargets.length > 0 && action === 'add' && qualifier === undefined)
      reading.sizes.push(...sizeTargets.map(({ groupId, optionId }) => ({ groupId, optionId })));
    const choice = options
      .filter((option) => !isSize(option.groupId))
      .map(({ groupId, optionId }) => ({ groupId, optionId }));
    const spokenQualifier = qualifier ?? options.find((option) => option.qualifier)?.qualifier;
    if (choice.length > 0 || groups.length > 0) {
      reading.changes.push({
        action,
        options: choice,
        groups,
        ...(spokenQualifier ? { qualifier: spokenQualifier } : {}),
      });
      if (spokenQualifier && action === 'add')
        listed = { qualifier: spokenQualifier, options: choice.map((option) => option.optionId) };
    }
    if (piece.number !== undefined && choice.length === 0) reading.quantity = piece.number;
    qualifier = undefined;
  });
  return reading;
}

/** Applies one edit act to the current lines (returns a new array; lines are copied). */
export function applyEdit(
  current: readonly OrderLine[],
  act: EditAct,
  lexicon: MenuLexicon,
): OrderLine[] {
  const lines = current.map((line) => ({
    ...line,
    modifiers: line.modifiers.map((modifier) => ({ ...modifier })),
  }));
  const index = resolveTarget(lines, act.target);
  if (index === undefined) return act.edit === 'replace_item' ? [...lines, ...act.lines] : lines;
  const line = lines[index]!;
  const info = lexicon.items.get(line.item);
  switch (act.edit) {
    case 'set_quantity':
      line.quantity = act.quantity;
      break;
    case 'set_size': {
      const size = act.sizes.find((candidate) => candidate.groupId === info?.sizeGroup?.id);
      if (size) line.size = size.optionId;
      break;
    }
    case 'modify':
      if (!info) break;
      for (const change of act.changes) {
        const option = change.options.find(
          (candidate) =>
            info.groupIds.has(candidate.groupId) &&
            lexicon.groups.get(candidate.groupId)?.kind !== 'size',
        );
        const group = lexicon.groups.get(
          option?.groupId ?? change.groups.find((id) => info.groupIds.has(id)) ?? '',
        );
        if (!group) continue;
        if (option && change.replace)
          line.modifiers = line.modifiers.filter(
            (modifier) => modifier.group !== group.id || modifier.action !== 'add',
          );
        if (option)
          applyModifier(line, info, group, option.optionId, change.action, change.qualifier);
        else applyToGroup(line, info, group, change.action, change.qualifier);
      }
      break;
    case 'remove_item':
      lines.splice(index, 1);
      break;
    case 'replace_item': {
      const replacements = act.lines.map((replacement) => {
        const next = { ...replacement, modifiers: [...replacement.modifiers] };
        const nextInfo = lexicon.items.get(next.item);
        if (
          next.size === undefined &&
          line.size !== undefined &&
          nextInfo?.sizeGroup?.options.some((option) => option.id === line.size)
        ) {
          next.size = line.size;
        }
        return next;
      });
      lines.splice(index, 1, ...replacements);
      break;
    }
  }
  return lines;
}

function resolveTarget(lines: readonly OrderLine[], target: EditTarget): number | undefined {
  if (lines.length === 0) return undefined;
  switch (target.kind) {
    case 'last':
      return lines.length - 1;
    case 'ordinal': {
      const index = target.index === -1 ? lines.length - 1 : target.index - 1;
      return index >= 0 && index < lines.length ? index : undefined;
    }
    case 'item': {
      for (let k = lines.length - 1; k >= 0; k--) if (lines[k]!.item === target.itemId) return k;
      return undefined;
    }
  }
}
