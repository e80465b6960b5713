/**
 * Exact-parse accuracy of `understand` on the shared dev utterances (per menu and overall) and
 * on the unseen-menu fixture, plus warm per-utterance latency. Run:
 *   node --import tsx bench/parse-accuracy.ts
 */
import { compileMenu, understand } from '../src/data/understanding/index.ts';
import path from 'node:path';
import {
  fixturesDir,
  loadMenu,
  loadUtterances,
  scoreDevSet,
  scoreRecords,
  scoreUnseenFixture,
  sharedEvalDir,
} from '../src/data/understanding/eval-data.ts';
import type { ScoredRecord } from '../src/data/understanding/score.ts';
import { accuracy } from '../src/data/understanding/score.ts';

const ITERATIONS = 500;

function line(label: string, records: readonly ScoredRecord[]): void {
  const right = records.filter((record) => record.ok).length;
  console.log(
    `${label.padEnd(28)} ${(accuracy(records) * 100).toFixed(1).padStart(5)} %  (${right}/${records.length})`,
  );
}

const devRecords = loadUtterances(path.join(sharedEvalDir, 'utterances-dev.jsonl'));
const dev = scoreDevSet();
console.log('exact-parse accuracy');
for (const menu of [...new Set(devRecords.map((record) => record.menu))]) {
  const ids = new Set(
    devRecords.filter((record) => record.menu === menu).map((record) => record.id),
  );
  line(
    `  dev ${menu}`,
    dev.filter((record) => ids.has(record.id)),
  );
}
line('  dev overall', dev);
line('  unseen harbour-burger', scoreUnseenFixture('harbour-burger'));
line('  unseen sakura-sushi', scoreUnseenFixture('sakura-sushi'));
// Three more menus written independently afterwards (Indian takeaway, taqueria, kebab shop),
// scored exactly as scoreUnseenFixture scores the two above.
for (const name of ['bombay-spice', 'el-toro-taqueria', 'golden-grill-kebab']) {
  const records = loadUtterances(path.join(fixturesDir, `${name}-utterances.jsonl`), name);
  line(
    `  unseen ${name}`,
    scoreRecords(records, () => path.join(fixturesDir, `${name}.json`)),
  );
}
// Two held-out menus written blind after the above were tuned to 100 % (Chinese takeaway,
// fish-and-chip shop), scored the same way.
for (const name of ['lucky-dragon', 'codfather-chippy']) {
  const records = loadUtterances(path.join(fixturesDir, `${name}-utterances.jsonl`), name);
  line(
    `  held-out ${name}`,
    scoreRecords(records, () => path.join(fixturesDir, `${name}.json`)),
  );
}
// Two more held-out menus written blind after the seven above reached ~100 % (breakfast diner,
// Vietnamese pho shop), scored the same way.
for (const name of ['sunny-side-diner', 'pho-saigon']) {
  const records = loadUtterances(path.join(fixturesDir, `${name}-utterances.jsonl`), name);
  line(
    `  held-out ${name}`,
    scoreRecords(records, () => path.join(fixturesDir, `${name}.json`)),
  );
}
// Two more held-out menus written blind (pizzeria, Dutch snackbar), scored the same way.
for (const name of ['napoli-pizzeria', 'snackbar-de-hoek']) {
  const records = loadUtterances(path.join(fixturesDir, `${name}-utterances.jsonl`), name);
  line(
    `  held-out ${name}`,
    scoreRecords(records, () => path.join(fixturesDir, `${name}.json`)),
  );
}

const samples = [
  ...devRecords.map((record) => ({
    text: record.text,
    lexicon: compileMenu(loadMenu(path.join(sharedEvalDir, 'menus', `${record.menu}.json`))),
  })),
  ...loadUtterances(
    path.join(fixturesDir, 'harbour-burger-utterances.jsonl'),
    'harbour-burger',
  ).map((record) => ({
    text: record.text,
    lexicon: compileMenu(loadMenu(path.join(fixturesDir, 'harbour-burger.json'))),
  })),
];
for (const sample of samples) understand(sample.text, sample.lexicon);
const timesMs: number[] = [];
for (let round = 0; round < ITERATIONS; round++) {
  for (const sample of samples) {
    const started = process.hrtime.bigint();
    understand(sample.text, sample.lexicon);
    timesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
timesMs.sort((a, b) => a - b);
const quantile = (q: number) =>
  timesMs[Math.min(timesMs.length - 1, Math.floor(q * timesMs.length))]!;
console.log(`latency per utterance (warm, ${ITERATIONS} rounds × ${samples.length} utterances)`);
console.log(
  `  median ${quantile(0.5).toFixed(3)} ms   p99 ${quantile(0.99).toFixed(3)} ms   max ${timesMs[timesMs.length - 1]!.toFixed(3)} ms`,
);
