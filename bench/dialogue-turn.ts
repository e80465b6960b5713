/**
 * One whole dialogue turn (context from the hot cache, rules policy, dialogue manager, memory
 * store) on a warm process: median and p99. Target < 5 ms.
 * Run: node --import tsx bench/dialogue-turn.ts
 */
import { readFileSync } from 'node:fs';
import { parseMenuV1 } from '../src/contracts/menu/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { createLocalSessions } from '../src/data/session/index.ts';

const menu = parseMenuV1(
  JSON.parse(
    readFileSync(new URL('../../shared/eval/menus/luigis-pizzeria.json', import.meta.url), 'utf8'),
  ),
);
const turns = [
  'hi, what time do you close tonight?',
  'a large pepperoni pizza and two cokes',
  'actually make that a family size',
  "that's all, for pickup",
  'my name is Anna de Vries',
  'zero six, one two three four, five six seven eight',
  'yes please',
];
const clock = new ManualClock(new Date('2026-01-07T18:00:00Z'));
const { manager, config } = createLocalSessions(menu, { clock, ttlMs: 60_000 });
const samples: number[] = [];
const rounds = 400;
for (let round = 0; round < rounds; round++) {
  const session = await manager.open({ config, channel: 'simulator' });
  for (const text of turns) {
    const start = performance.now();
    await session.turn(text);
    if (round >= 20) samples.push(performance.now() - start);
  }
}
samples.sort((a, b) => a - b);
const at = (fraction: number) =>
  samples[Math.min(samples.length - 1, Math.ceil(fraction * samples.length) - 1)]!;
console.log(`dialogue turn (warm, ${rounds - 20} calls × ${turns.length} turns, in-memory store)`);
console.log(
  `  median ${at(0.5).toFixed(3)} ms   p99 ${at(0.99).toFixed(3)} ms   max ${samples.at(-1)!.toFixed(3)} ms`,
);
