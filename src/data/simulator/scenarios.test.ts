import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadScenarios } from './scenario.ts';
import { runScenarios, summarise } from './run-scenarios.ts';

const evalDir = fileURLToPath(new URL('../../../../shared/eval/', import.meta.url));

test('dev scenarios: ≥ 92 % expected outcome with the right order, ≤ 8 % unnecessary escalation', async () => {
  const results = await runScenarios(
    loadScenarios(`${evalDir}scenarios-dev.jsonl`),
    `${evalDir}menus`,
  );
  const summary = summarise(results);
  for (const miss of results.filter((result) => !result.pass)) {
    console.log(
      `MISS ${miss.id} (${miss.style}): outcome ${miss.outcome}, expected ${miss.expected}, order ${String(miss.orderMatches)}${miss.problem ? `, ${miss.problem}` : ''}`,
    );
    for (const line of miss.transcript) console.log(`   ${line.speaker}> ${line.text}`);
  }
  assert.equal(results.length, 24);
  assert.ok(summary.completionRate >= 0.92, `completion ${summary.completionRate}`);
  assert.ok(
    summary.unnecessaryEscalationRate <= 0.08,
    `unnecessary escalation ${summary.unnecessaryEscalationRate}`,
  );
});
