/**
 * One caller utterance → order lines in menu ids and dialogue acts, against a compiled menu
 * lexicon. Offline, deterministic, bounded time (input capped at {@link MAX_UTTERANCE_CHARS}).
 */
import type { OrderLine } from '../../contracts/order/index.ts';
import type { DialogueAct, Understanding } from './acts.ts';
import { targetsOf } from './anchors.ts';
import { bareNoCorrections } from './bare-no.ts';
import { insteadOfRemovals } from './instead-of.ts';
import { detectDialogueActs, detectQuestionTopic, guessLanguage } from './dialogue-acts.ts';
import { extractPhone } from './contact.ts';
import { detectEdits } from './edits.ts';
import { numberWordValue } from './numbers.ts';
import type { MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { spotPieces } from './matcher.ts';
import { parseOrderLines } from './order-parser.ts';
import { BREAK, MAX_UTTERANCE_CHARS, foldText, tokenize } from './text.ts';
import { COMMON_WORDS } from './vocabulary.ts';

/** Control characters and replacement marks (binary-looking input) become spaces. */
function withoutControlCharacters(text: string): string {
  let cleaned = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    cleaned +=
      (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd ? ' ' : char;
  }
  return cleaned;
}

/** Understands one utterance; never throws for any string input. */
export function understand(utterance: string, lexicon: MenuLexicon): Understanding {
  const text = typeof utterance === 'string' ? utterance.slice(0, MAX_UTTERANCE_CHARS) : '';
  const cleanText = withoutControlCharacters(text);
  const tokens = tokenize(cleanText);
  const words = tokens.filter((token) => token.text !== BREAK).map((token) => token.text);
  const language = guessLanguage(words);
  if (words.length === 0) {
    return {
      lines: [],
      acts: [{ type: 'unclear', reason: 'empty', confidence: 0 }],
      confidence: 0,
      language,
    };
  }
  const folded = foldText(cleanText);
  const plain = folded.replace(/ ,/g, '').replace(/\s+/g, ' ');
  // A spoken phone number ("zero six double five ...") is not an order of "zero" cola.
  const phone = extractPhone(text);
  const pieces = spotPieces(tokens, lexicon);
  bareNoCorrections(pieces, tokens);
  insteadOfRemovals(pieces, tokens);
  const digitWords = words.filter(
    (word) => /^\d+$/.test(word) || numberWordValue(word) !== undefined || word === 'double',
  ).length;
  const drafts = phone && digitWords * 2 >= words.length ? [] : parseOrderLines(pieces, lexicon);
  const acts: DialogueAct[] = [];

  const topic = detectQuestionTopic(plain);
  let lines: OrderLine[] = [];
  if (topic) {
    const itemIds = [...new Set(drafts.map((draft) => draft.line.item))];
    const options = pieces.flatMap((piece) =>
      piece.kind === 'phrase'
        ? targetsOf(piece.entries, 'option').map(({ groupId, optionId }) => ({ groupId, optionId }))
        : [],
    );
    const postcode = /\b(\d{4})(?:\s?[a-z]{2})?\b/.exec(plain)?.[1];
    acts.push({
      type: 'question',
      topic,
      itemIds,
      options: itemIds.length > 0 ? [] : options,
      ...(topic === 'delivery_area' && postcode ? { postcode } : {}),
      confidence: 0.85,
    });
  } else {
    const edits = detectEdits(plain, tokens, pieces, drafts, lexicon);
    acts.push(...edits.acts);
    lines = edits.newLines.map((draft) => draft.line);
  }
  const fuzzyPieces = pieces.filter((piece) => piece.kind === 'phrase' && piece.fuzzy).length;
  const unknownWords = pieces.filter(
    (piece) => piece.kind === 'word' && !COMMON_WORDS.has(piece.text),
  ).length;
  const lineConfidence = clamp(0.95 - 0.12 * fuzzyPieces - 0.05 * unknownWords);
  if (lines.length > 0) acts.unshift({ type: 'add_items', lines, confidence: lineConfidence });

  const nameWord = (word: string) => !COMMON_WORDS.has(word) && !lexicon.phrases.has(word);
  const hasOrderContent =
    lines.length > 0 || acts.some((act) => act.type !== 'edit' || act.confidence >= 0.6);
  let others = detectDialogueActs(text, folded, words, nameWord, hasOrderContent);
  // A guessed edit (no "make it", "actually", ...) yields to any clearer act.
  const guessedEdits = acts.filter((act) => act.type === 'edit' && act.confidence < 0.6);
  // "no onions" is a change to the order, not a "no".
  if (guessedEdits.length > 0 && others.every((act) => act.type === 'deny')) others = [];
  if (others.length > 0 && guessedEdits.length > 0)
    acts.splice(0, acts.length, ...acts.filter((act) => !guessedEdits.includes(act)));
  acts.push(...others);

  if (lines.length === 0) {
    const offMenu = offMenuPhrase(
      pieces,
      tokens.map((token) => token.text),
    );
    if (offMenu) acts.push({ type: 'off_menu', phrase: offMenu, confidence: 0.6 });
  }
  if (acts.length === 0) {
    const reason = pieces.some((piece) => piece.kind !== 'word') ? 'not_understood' : 'no_meaning';
    acts.push({ type: 'unclear', reason, confidence: 0.2 });
  }
  const confidence = clamp(Math.max(...acts.map((act) => act.confidence)));
  return { lines, acts, confidence, language };
}

/** "a cortado": unknown words right after a quantity, when nothing on the menu was named. */
function offMenuPhrase(pieces: readonly Piece[], words: readonly string[]): string | undefined {
  for (let k = 0; k < pieces.length - 1; k++) {
    const piece = pieces[k]!;
    const next = pieces[k + 1]!;
    if (piece.kind !== 'number' || next.kind !== 'word' || COMMON_WORDS.has(next.text)) continue;
    let end = k + 1;
    while (
      pieces[end + 1]?.kind === 'word' &&
      !COMMON_WORDS.has(words[pieces[end + 1]!.start] ?? '')
    )
      end++;
    return words.slice(next.start, pieces[end]!.end).join(' ');
  }
  return undefined;
}

function clamp(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
