/** Small helpers shared by this folder's tests. */
import path from 'node:path';
import type { OrderLine } from '../../contracts/order/index.ts';
import { fixturesDir, loadMenu, sharedEvalDir } from './eval-data.ts';
import type { MenuLexicon } from './lexicon.ts';
import { compileMenu } from './lexicon.ts';

export const pizzeria = (): MenuLexicon =>
  compileMenu(loadMenu(path.join(sharedEvalDir, 'menus', 'luigis-pizzeria.json')));
export const cafe = (): MenuLexicon =>
  compileMenu(loadMenu(path.join(sharedEvalDir, 'menus', 'canal-corner-cafe.json')));
export const burgerBar = (): MenuLexicon =>
  compileMenu(loadMenu(path.join(fixturesDir, 'harbour-burger.json')));
/** One of the unseen-menu fixtures (bombay-spice, el-toro-taqueria, golden-grill-kebab, …). */
export const fixtureMenu = (name: string): MenuLexicon =>
  compileMenu(loadMenu(path.join(fixturesDir, `${name}.json`)));

/** A line as the tests write it: modifiers sorted, empty parts left out. */
export function brief(line: OrderLine): string {
  const parts = [`${line.quantity}x ${line.item}`];
  if (line.size) parts.push(`size=${line.size}`);
  if (line.variant) parts.push(`variant=${line.variant}`);
  const modifiers = line.modifiers
    .map(
      (m) =>
        `${m.action === 'add' ? '+' : '-'}${m.group}/${m.option}${m.qualifier ? `(${m.qualifier})` : ''}`,
    )
    .sort();
  return [...parts, ...modifiers].join(' ');
}
