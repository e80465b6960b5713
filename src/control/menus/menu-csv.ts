import { parse } from 'csv-parse/sync';
import type { MenuProblem, MenuV1, MenuV1Input } from '../../contracts/menu/index.ts';

/**
 * The CSV form of a menu's items (docs/api.md): one row per item, a header row naming the
 * columns below in any order. Lists (aliases, modifier groups, includes) are `|`-separated;
 * variants are a JSON array in one cell. Menu-level fields and modifier groups are not in the
 * CSV: they come from the location's current menu (or the import's query parameters), and items
 * reference groups by id. Export then import gives back the same menu.
 */
export const menuCsvColumns = [
  'id',
  'name',
  'category',
  'price',
  'aliases',
  'description',
  'modifier_groups',
  'includes',
  'available',
  'age_restricted',
  'variants',
] as const;
const required = ['id', 'name', 'category', 'price'] as const;

export type MenuHeader = Omit<MenuV1Input, 'items'>;

export type CsvMenuResult =
  { ok: true; menu: MenuV1Input; rows: number } | { ok: false; problems: MenuProblem[] };

const list = (cell: string | undefined) =>
  cell === undefined || cell.trim() === '' ? [] : cell.split('|').map((part) => part.trim());

/** CSV text → a `voxeron.menu/v1` input for {@link validateMenuV1}; paths point at items. */
export function menuFromCsv(text: string, header: MenuHeader): CsvMenuResult {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { ok: false, problems: [{ path: 'csv', message: (error as Error).message }] };
  }
  const problems: MenuProblem[] = [];
  const columns = records[0] ? Object.keys(records[0]) : [];
  for (const column of columns) {
    if (!(menuCsvColumns as readonly string[]).includes(column)) {
      problems.push({ path: 'csv.header', message: `unknown column "${column}"` });
    }
  }
  for (const column of required) {
    if (records.length > 0 && !columns.includes(column)) {
      problems.push({ path: 'csv.header', message: `missing column "${column}"` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const items = records.map((record, i) => {
    const at = `$.items[${i}]`;
    const item: Record<string, unknown> = {
      id: record.id,
      name: record.name,
      category: record.category,
      price: Number(record.price),
      aliases: list(record.aliases),
      modifierGroups: list(record.modifier_groups),
      includes: list(record.includes),
    };
    if (record.price === undefined || !/^\d+(\.\d+)?$/.test(record.price)) {
      problems.push({
        path: `${at}.price`,
        message: `"${record.price ?? ''}" is not a price such as 9.50 (CSV line ${i + 2})`,
      });
    }
    if (record.description) item.description = record.description;
    for (const [column, field] of [
      ['available', 'available'],
      ['age_restricted', 'ageRestricted'],
    ] as const) {
      const cell = record[column]?.toLowerCase();
      if (cell === undefined || cell === '') continue;
      if (cell !== 'true' && cell !== 'false') {
        problems.push({
          path: `${at}.${field}`,
          message: `"${cell}" is not true or false (CSV line ${i + 2})`,
        });
      }
      item[field] = cell === 'true';
    }
    if (record.variants) {
      try {
        item.variants = JSON.parse(record.variants);
      } catch {
        problems.push({ path: `${at}.variants`, message: `not a JSON array (CSV line ${i + 2})` });
      }
    }
    return item;
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, menu: { ...header, items } as MenuV1Input, rows: records.length };
}

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A menu's items as CSV (all columns, header first). */
export function menuToCsv(menu: MenuV1): string {
  const rows = menu.items.map((item) =>
    [
      item.id,
      item.name,
      item.category,
      String(item.price),
      item.aliases.join('|'),
      item.description ?? '',
      item.modifierGroups.join('|'),
      item.includes.join('|'),
      String(item.available),
      String(item.ageRestricted),
      item.variants ? JSON.stringify(item.variants) : '',
    ]
      .map(cell)
      .join(','),
  );
  return [menuCsvColumns.join(','), ...rows].join('\n') + '\n';
}

/** The menu-level fields (everything but the items) of a menu. */
export function headerOf(menu: MenuV1): MenuHeader {
  const { items: _items, ...header } = menu;
  return header;
}
