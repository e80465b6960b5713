/**
 * Exact-parse scoring as shared/eval/README.md defines it: a record is right when the multiset
 * of lines equals the expectation, modifiers compared as sets, and a size the expectation leaves
 * out may be the item's default size.
 */
import type { MenuV1 } from '../../contracts/menu/index.ts';

/** A line as the eval files write it (modifiers optional). */
export interface ExpectedLine {
  item: string;
  quantity: number;
  size?: string | undefined;
  variant?: string | undefined;
  modifiers?:
    | readonly { group: string; option: string; action: string; qualifier?: string | undefined }[]
    | undefined;
}

/** The default size option of each item, from its size group. */
export function defaultSizes(menu: MenuV1): Map<string, string> {
  const groups = new Map(menu.modifierGroups.map((group) => [group.id, group]));
  const sizes = new Map<string, string>();
  for (const item of menu.items) {
    const sizeGroup = item.modifierGroups
      .map((id) => groups.get(id))
      .find((group) => group?.kind === 'size');
    if (sizeGroup?.default !== undefined) sizes.set(item.id, sizeGroup.default);
  }
  return sizes;
}

function lineKey(line: ExpectedLine, sizes: ReadonlyMap<string, string>): string {
  const modifiers = (line.modifiers ?? [])
    .map(
      (modifier) =>
        `${modifier.group}/${modifier.option}/${modifier.action}/${modifier.qualifier ?? ''}`,
    )
    .sort();
  const size = line.size ?? sizes.get(line.item) ?? '';
  return JSON.stringify([
    line.item,
    line.quantity,
    size,
    line.variant ?? '',
    [...new Set(modifiers)],
  ]);
}

/** Whether `actual` equals `expected` as multisets of lines (see the module comment). */
export function linesMatch(
  actual: readonly ExpectedLine[],
  expected: readonly ExpectedLine[],
  sizes: ReadonlyMap<string, string>,
): boolean {
  if (actual.length !== expected.length) return false;
  const left = actual.map((line) => lineKey(line, sizes)).sort();
  const right = expected.map((line) => lineKey(line, sizes)).sort();
  return left.every((key, k) => key === right[k]);
}

/** One scored record. */
export interface ScoredRecord {
  id: string;
  text: string;
  ok: boolean;
  actual: readonly ExpectedLine[];
  expected: readonly ExpectedLine[];
}

/** Fraction of records right (0 when there are none). */
export function accuracy(records: readonly ScoredRecord[]): number {
  return records.length === 0 ? 0 : records.filter((record) => record.ok).length / records.length;
}
