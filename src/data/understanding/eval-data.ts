/**
 * Loading scored utterance sets (shared/eval and the fixtures here) for tests and the bench.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuV1 } from '../../contracts/menu/index.ts';
import { validateMenuV1 } from '../../contracts/menu/index.ts';
import type { ExpectedLine, ScoredRecord } from './score.ts';
import { defaultSizes, linesMatch } from './score.ts';
import { compileMenu } from './lexicon.ts';
import { understand } from './understand.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (this file is src/data/understanding/eval-data.ts). */
export const repoRoot = path.resolve(here, '../../..');
/** shared/eval, beside the checkout. */
export const sharedEvalDir = path.resolve(repoRoot, '../shared/eval');
export const fixturesDir = path.join(here, 'fixtures');

export interface UtteranceRecord {
  id: string;
  menu: string;
  text: string;
  expect: ExpectedLine[];
}

/** Reads and validates a menu file (throws with every problem if invalid). */
export function loadMenu(file: string): MenuV1 {
  const result = validateMenuV1(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.ok)
    throw new Error(`${file}: ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  return result.menu;
}

/** Reads a JSON-lines utterance file. */
export function loadUtterances(file: string, menu?: string): UtteranceRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = JSON.parse(line) as UtteranceRecord;
      return menu === undefined ? record : { ...record, menu };
    });
}

/** Parses every record against its menu and scores it. */
export function scoreRecords(
  records: readonly UtteranceRecord[],
  menuFile: (menu: string) => string,
): ScoredRecord[] {
  const menus = new Map<string, MenuV1>();
  return records.map((record) => {
    let menu = menus.get(record.menu);
    if (!menu) {
      menu = loadMenu(menuFile(record.menu));
      menus.set(record.menu, menu);
    }
    const actual = understand(record.text, compileMenu(menu)).lines;
    return {
      id: record.id,
      text: record.text,
      ok: linesMatch(actual, record.expect, defaultSizes(menu)),
      actual,
      expected: record.expect,
    };
  });
}

/** The dev set of shared/eval, scored. */
export function scoreDevSet(): ScoredRecord[] {
  const records = loadUtterances(path.join(sharedEvalDir, 'utterances-dev.jsonl'));
  return scoreRecords(records, (menu) => path.join(sharedEvalDir, 'menus', `${menu}.json`));
}

/**
 * Menus the parser was not tuned on, with their utterances: a burger bar (written by the
 * parser's author before tuning) and a sushi bar (written independently, afterwards).
 */
export const unseenFixtures = ['harbour-burger', 'sakura-sushi'] as const;

/** One unseen-menu fixture, scored. */
export function scoreUnseenFixture(
  name: (typeof unseenFixtures)[number] = 'harbour-burger',
): ScoredRecord[] {
  const records = loadUtterances(path.join(fixturesDir, `${name}-utterances.jsonl`), name);
  return scoreRecords(records, () => path.join(fixturesDir, `${name}.json`));
}
