/**
 * Scenario benchmark (not a test): completion, escalation and order accuracy of simulated calls
 * on the dev scenarios and on the unseen-menu scenarios (harbour-burger, bombay-spice,
 * el-toro-taqueria, golden-grill-kebab, lucky-dragon, codfather-chippy,
 * sunny-side-diner and pho-saigon fixtures).
 * Run: node --import tsx bench/scenarios.ts [--verbose] [--only TEXT]
 *   --verbose   also print the transcript of every failing scenario
 *   --only TEXT run only the sets whose name contains TEXT
 */
import { fileURLToPath } from 'node:url';
import {
  formatResults,
  loadScenarios,
  runScenarios,
  summarise,
} from '../src/data/simulator/index.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const fixtures = fileURLToPath(new URL('../src/data/understanding/fixtures', import.meta.url));
const unseen = (menu: string) => ({
  name: `unseen menu (${menu})`,
  scenarios: fileURLToPath(
    new URL(`../src/data/simulator/fixtures/${menu}-scenarios.jsonl`, import.meta.url),
  ),
  menus: fixtures,
});

const sets = [
  {
    name: 'dev (shared/eval)',
    scenarios: fileURLToPath(new URL('../../shared/eval/scenarios-dev.jsonl', import.meta.url)),
    menus: fileURLToPath(new URL('../../shared/eval/menus', import.meta.url)),
  },
  unseen('harbour-burger'),
  unseen('bombay-spice'),
  unseen('el-toro-taqueria'),
  unseen('golden-grill-kebab'),
  unseen('lucky-dragon'),
  unseen('codfather-chippy'),
  unseen('sunny-side-diner'),
  unseen('pho-saigon'),
  unseen('napoli-pizzeria'),
  unseen('snackbar-de-hoek'),
];

for (const set of sets) {
  if (only !== undefined && !set.name.includes(only)) continue;
  const results = await runScenarios(loadScenarios(set.scenarios), set.menus);
  console.log(`\n== ${set.name}`);
  console.log(formatResults(results, summarise(results)));
  if (!verbose) continue;
  for (const result of results.filter((candidate) => !candidate.pass)) {
    console.log(
      `\n-- ${result.id} (${result.style}): ${result.outcome}, expected ${result.expected}`,
    );
    for (const line of result.transcript) console.log(`   ${line.speaker.padEnd(6)} ${line.text}`);
  }
}
