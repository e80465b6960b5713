/**
 * Scenario benchmark (not a test): completion, escalation and order accuracy of simulated calls
 * on the dev scenarios and on the unseen-menu scenarios (harbour-burger fixture).
 * Run: node --import tsx bench/scenarios.ts
 */
import { fileURLToPath } from 'node:url';
import {
  formatResults,
  loadScenarios,
  runScenarios,
  summarise,
} from '../src/data/simulator/index.ts';

const sets = [
  {
    name: 'dev (shared/eval)',
    scenarios: fileURLToPath(new URL('../../shared/eval/scenarios-dev.jsonl', import.meta.url)),
    menus: fileURLToPath(new URL('../../shared/eval/menus', import.meta.url)),
  },
  {
    name: 'unseen menu (harbour-burger)',
    scenarios: fileURLToPath(
      new URL('../src/data/simulator/fixtures/harbour-burger-scenarios.jsonl', import.meta.url),
    ),
    menus: fileURLToPath(new URL('../src/data/understanding/fixtures', import.meta.url)),
  },
];

for (const set of sets) {
  const results = await runScenarios(loadScenarios(set.scenarios), set.menus);
  console.log(`\n== ${set.name}`);
  console.log(formatResults(results, summarise(results)));
}
