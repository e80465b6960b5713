/**
 * The simulated caller listening to the order read back: the items (by item, variant and size),
 * the name and the phone number are compared with its goal, and a wrong one is objected to the
 * way a caller would ("no, I also wanted …", "no, the name is …"). Only a clear mismatch counts:
 * a read-back it cannot line up with the goal is accepted, so the check never invents errors.
 */
import type { MenuV1 } from '../../contracts/menu/index.ts';
import { numberWordValue } from '../understanding/index.ts';
import type { GoalLine, Scenario } from './scenario.ts';

type Goal = Scenario['goal'];
type MenuItem = MenuV1['items'][number];

/** One line heard in the read-back. */
interface Heard {
  item: MenuItem;
  quantity: number;
  variant?: string;
  size?: string;
}

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '');

/** Whether `phrase` (or a plural of it) starts at a word boundary in `text`. */
function mentions(text: string, phrase: string): boolean {
  const folded = fold(phrase).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (folded === '') return false;
  const stem = folded.replace(/y$/, '(?:y|ie)');
  return new RegExp(`(?<![\\p{L}\\p{N}])${stem}(?:s|es)?(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** The longest of `names` mentioned in `text`, as its key. */
function longestMentioned<T>(
  text: string,
  named: readonly (readonly [T, string])[],
): T | undefined {
  return named
    .filter(([, name]) => mentions(text, name))
    .sort((a, b) => b[1].length - a[1].length)[0]?.[0];
}

/** The read-back's item lines, or undefined when any of them cannot be told apart. */
export function heardLines(reply: string, menu: MenuV1): Heard[] | undefined {
  const body = /read that back:\s*(.*?)\.\s+(?:that'?s|that is)\b/is.exec(reply)?.[1];
  if (!body) return undefined;
  const heard: Heard[] = [];
  for (const raw of body.split(/;\s*/)) {
    const segment = fold(raw.replace(/,\s*[^\s,]*\d+[.,]\d{2}\s*$/, '').trim());
    const count = /^(\d+|a|an|[a-z]+)\b/.exec(segment)?.[1] ?? '';
    const quantity = /^\d+$/.test(count)
      ? Number(count)
      : count === 'a' || count === 'an'
        ? 1
        : (numberWordValue(count) ?? -1);
    const item = longestMentioned(
      segment,
      menu.items.flatMap((candidate) =>
        [candidate.name, ...candidate.aliases].map((name) => [candidate, name] as const),
      ),
    );
    if (!item || quantity <= 0) return undefined;
    const sizeGroup = menu.modifierGroups.find(
      (group) => group.kind === 'size' && item.modifierGroups.includes(group.id),
    );
    heard.push({
      item,
      quantity,
      variant: longestMentioned(
        segment,
        (item.variants ?? []).map((variant) => [variant.id, variant.name] as const),
      ),
      size: longestMentioned(
        segment,
        (sizeGroup?.options ?? []).flatMap((option) =>
          [option.name, ...option.aliases].map((name) => [option.id, name] as const),
        ),
      ),
    });
  }
  return heard;
}

/** What the caller says back when the read-back is wrong; undefined when it is right or unclear. */
export function readBackObjection(
  reply: string,
  goal: Goal,
  menu: MenuV1,
  describe: (line: GoalLine) => string,
): string | undefined {
  const heard = heardLines(reply, menu);
  if (heard) {
    const objection = itemObjection(heard, goal.items, menu, describe);
    if (objection) return objection;
  }
  const name = /under the name ([^,.]+)/i.exec(reply)?.[1]?.trim();
  if (name && fold(name) !== fold(goal.name)) return `no, the name is ${goal.name}`;
  return undefined;
}

function itemObjection(
  heard: readonly Heard[],
  goalLines: readonly GoalLine[],
  menu: MenuV1,
  describe: (line: GoalLine) => string,
): string | undefined {
  const total = (lines: readonly { quantity: number }[]) =>
    lines.reduce((sum, line) => sum + line.quantity, 0);
  for (const line of goalLines) {
    const same = heard.filter((candidate) => candidate.item.id === line.item);
    if (same.length === 0) return `no, I also wanted ${describe(line)}`;
  }
  for (const line of heard) {
    if (!goalLines.some((goalLine) => goalLine.item === line.item.id))
      return `no, please remove the ${line.item.name}`;
  }
  for (const itemId of new Set(goalLines.map((line) => line.item))) {
    const wanted = goalLines.filter((line) => line.item === itemId);
    const got = heard.filter((line) => line.item.id === itemId);
    const name = got[0]!.item.name;
    if (wanted.length === 1 && got.length === 1) {
      const [want, have] = [wanted[0]!, got[0]!];
      if (want.quantity !== have.quantity) return `no, I wanted ${describe(want)}`;
      if (want.size && have.size && want.size !== have.size) {
        const size = sizeName(menu, want.size);
        if (size) return `no, make the ${name} ${size}`;
      }
      if (want.variant && have.variant && want.variant !== have.variant) {
        const variant = got[0]!.item.variants?.find((candidate) => candidate.id === want.variant);
        if (variant) return `no, make the ${name} ${variant.name}`;
      }
    } else if (total(wanted) !== total(got)) {
      // Several lines of one item: a count the caller cannot pin on one line is still wrong.
      return `no, that's not right: I wanted ${wanted.map(describe).join(' and ')}`;
    }
  }
  return undefined;
}

function sizeName(menu: MenuV1, optionId: string): string | undefined {
  for (const group of menu.modifierGroups)
    if (group.kind === 'size') {
      const option = group.options.find((candidate) => candidate.id === optionId);
      if (option) return option.name;
    }
  return undefined;
}
