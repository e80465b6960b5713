/**
 * The number in an answer to "How many would you like?" or to a quantity read back ("no, four",
 * "just one", "four colas please", "none"): the first spoken count, 0 for none. An article is no
 * count here ("no, a four" is four), and "oh" is no zero.
 */
import { parseQuantityAt } from './numbers.ts';
import { tokenize } from './text.ts';

const NONE = new Set(['none', 'zero', 'nothing', 'geen']);

export function countAnswer(raw: string): number | undefined {
  const tokens = tokenize(raw);
  for (let index = 0; index < tokens.length; index++) {
    if (NONE.has(tokens[index]!.text)) return 0;
    const match = parseQuantityAt(tokens, index);
    if (match && match.kind === 'count') return match.value;
  }
  return undefined;
}
