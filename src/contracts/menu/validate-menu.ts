import { MenuV1 } from './menu-v1.ts';

/** One problem found in a menu, located by a JSON path such as `$.items[3].modifierGroups[0]`. */
export interface MenuProblem {
  path: string;
  message: string;
}

export type MenuValidation = { ok: true; menu: MenuV1 } | { ok: false; problems: MenuProblem[] };

/** Lower-case, accents stripped, punctuation folded to single spaces: how a phrase sounds. */
export function normalisePhrase(phrase: string): string {
  return phrase
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (path, segment) =>
      typeof segment === 'number' ? `${path}[${segment}]` : `${path}.${String(segment)}`,
    '$',
  );
}

/**
 * Validates a `voxeron.menu/v1` document completely: the schema first, then every
 * cross-reference. Reports all problems (not only the first), so an import can say
 * everything that must be fixed in one go.
 */
export function validateMenuV1(input: unknown): MenuValidation {
  const parsed = MenuV1.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: jsonPath(issue.path),
        message: issue.message,
      })),
    };
  }
  const menu = parsed.data;
  const problems: MenuProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  if (menu.items.length === 0) report('$.items', 'a menu needs at least one item');

  const groupsById = new Map<string, (typeof menu.modifierGroups)[number]>();
  menu.modifierGroups.forEach((group, g) => {
    const at = `$.modifierGroups[${g}]`;
    if (groupsById.has(group.id)) report(`${at}.id`, `duplicate modifier group id "${group.id}"`);
    groupsById.set(group.id, group);
    if (group.min > group.max)
      report(`${at}.min`, `min (${group.min}) is above max (${group.max})`);
    const optionIds = new Set(group.options.map((option) => option.id));
    if (optionIds.size !== group.options.length) {
      report(`${at}.options`, `option ids repeat within group "${group.id}"`);
    }
    if (group.default !== undefined && !optionIds.has(group.default)) {
      report(`${at}.default`, `default "${group.default}" is not an option of group "${group.id}"`);
    }
    if (group.kind === 'size' && group.max !== 1) {
      report(`${at}.max`, 'a size group allows exactly one choice (max 1)');
    }
    checkAmbiguousPhrases(
      group.options.map((option, o) => ({
        id: option.id,
        phrases: [option.name, ...option.aliases],
        path: `${at}.options[${o}]`,
      })),
      'option',
      report,
    );
  });

  const itemIds = new Set<string>();
  menu.items.forEach((item, i) => {
    const at = `$.items[${i}]`;
    if (itemIds.has(item.id)) report(`${at}.id`, `duplicate item id "${item.id}"`);
    itemIds.add(item.id);
    const groups = item.modifierGroups.flatMap((groupId, k) => {
      const group = groupsById.get(groupId);
      if (!group) report(`${at}.modifierGroups[${k}]`, `unknown modifier group "${groupId}"`);
      return group ? [group] : [];
    });
    if (groups.filter((group) => group.kind === 'size').length > 1) {
      report(`${at}.modifierGroups`, 'an item may have at most one size group');
    }
    const offered = new Set(groups.flatMap((group) => group.options.map((option) => option.id)));
    item.includes.forEach((optionId, k) => {
      if (!offered.has(optionId)) {
        report(
          `${at}.includes[${k}]`,
          `"${optionId}" is not an option of any of this item's modifier groups`,
        );
      }
    });
    if (item.variants) {
      const variantIds = new Set(item.variants.map((variant) => variant.id));
      if (variantIds.size !== item.variants.length) {
        report(`${at}.variants`, `variant ids repeat within item "${item.id}"`);
      }
      checkAmbiguousPhrases(
        item.variants.map((variant, v) => ({
          id: variant.id,
          phrases: [variant.name, ...variant.aliases],
          path: `${at}.variants[${v}]`,
        })),
        'variant',
        report,
      );
    }
  });

  checkAmbiguousPhrases(
    menu.items.map((item, i) => ({
      id: item.id,
      phrases: [item.name, ...item.aliases],
      path: `$.items[${i}]`,
    })),
    'item',
    report,
  );

  return problems.length === 0 ? { ok: true, menu } : { ok: false, problems };
}

/** A name or alias that two entries share makes a caller's words ambiguous. */
function checkAmbiguousPhrases(
  entries: { id: string; phrases: string[]; path: string }[],
  kind: string,
  report: (path: string, message: string) => void,
): void {
  const owner = new Map<string, string>();
  for (const entry of entries) {
    entry.phrases.forEach((phrase, p) => {
      const key = normalisePhrase(phrase);
      const path = p === 0 ? `${entry.path}.name` : `${entry.path}.aliases[${p - 1}]`;
      if (key === '') {
        report(path, `"${phrase}" has no letters or digits`);
        return;
      }
      const previous = owner.get(key);
      if (previous !== undefined && previous !== entry.id) {
        report(
          path,
          `"${phrase}" also names ${kind} "${previous}": a caller saying it is ambiguous`,
        );
      } else {
        owner.set(key, entry.id);
      }
    });
  }
}

/** A menu that failed validation; `problems` lists every problem with its JSON path. */
export class InvalidMenuError extends Error {
  readonly problems: readonly MenuProblem[];
  constructor(problems: readonly MenuProblem[]) {
    super(
      `the menu has ${problems.length} problem(s): ` +
        problems
          .slice(0, 5)
          .map((problem) => `${problem.path}: ${problem.message}`)
          .join('; '),
    );
    this.name = 'InvalidMenuError';
    this.problems = problems;
  }
}

/** Parses a menu or throws an {@link InvalidMenuError} listing every problem. */
export function parseMenuV1(input: unknown): MenuV1 {
  const result = validateMenuV1(input);
  if (result.ok) return result.menu;
  throw new InvalidMenuError(result.problems);
}
