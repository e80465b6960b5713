/**
 * Runs goal-driven scenarios through the same session manager a phone call uses (memory store,
 * simulator channel) and scores them: outcome, order match, turns, repairs, per-turn latency.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionOutcome } from '../../contracts/events/index.ts';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { createLocalSessions } from '../session/local-session.ts';
import { localTime } from '../session/menu-facts.ts';
import { DELIVERY_TRAVEL_MINUTES } from '../session/static-source.ts';
import { defaultSizes, linesMatch } from '../understanding/index.ts';
import { SimulatedCaller } from './caller.ts';
import type { Scenario } from './scenario.ts';

/** A caller who never stops talking is cut off after this many turns. */
const MAX_CALLER_TURNS = 40;

export interface ScenarioResult {
  id: string;
  menu: string;
  style: string;
  expected: Scenario['expect']['outcome'];
  outcome: SessionOutcome | 'error';
  /** The outcome is the expected one (and for order_created the order matches the goal). */
  pass: boolean;
  /** For order_created: lines, fulfilment, name and phone equal the goal. */
  orderMatches: boolean | null;
  escalated: boolean;
  turns: number;
  repairs: number;
  turnLatencyMs: number[];
  transcript: { speaker: 'agent' | 'caller'; text: string }[];
  problem?: string;
}

export interface ScenarioSummary {
  scenarios: number;
  passed: number;
  /** Share of scenarios with the expected outcome (and the right order). */
  completionRate: number;
  /** Share of scenarios escalated. */
  escalationRate: number;
  /** Escalations in scenarios that did not expect one. */
  unnecessaryEscalationRate: number;
  /** Of scenarios expecting an order: share whose created order matches the goal. */
  orderAccuracy: number;
  latencyMs: { median: number; p99: number };
}

/** A wall clock inside the menu's first opening hours (a weekday of January 2026), moving with real time. */
export function clockInOpeningHours(menu: MenuV1, timeZone: string): Clock {
  const entry = menu.hours[0];
  let start = new Date('2026-01-07T12:00:00Z');
  if (entry) {
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const day = days.indexOf(entry.days[0]!);
    const [openH, openM] = entry.open.split(':').map(Number);
    const localMinutes = openH! * 60 + openM! + 90;
    // 2026-01-05 is a Monday; take the local time as UTC, then correct by the zone's offset.
    const guess = new Date(Date.UTC(2026, 0, 5 + day, 0, localMinutes));
    const offset = localTime(guess, timeZone).offset;
    const sign = offset.startsWith('-') ? -1 : 1;
    const [hours, minutes] = offset.slice(1).split(':').map(Number);
    start = new Date(guess.getTime() - sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
  }
  const originMs = performance.now();
  return {
    now: () => new Date(start.getTime() + (performance.now() - originMs)),
    monotonicMs: () => performance.now(),
  };
}

export function loadMenuFile(menusDir: string, name: string): MenuV1 {
  return parseMenuV1(JSON.parse(readFileSync(join(menusDir, `${name}.json`), 'utf8')));
}

export async function runScenario(scenario: Scenario, menu: MenuV1): Promise<ScenarioResult> {
  const timeZone = 'Europe/Amsterdam';
  const wait = SimulatedCaller.kitchenWaitMinutes(scenario);
  const { manager, store, config } = createLocalSessions(menu, {
    clock: clockInOpeningHours(menu, timeZone),
    overlay: { timezone: timeZone },
    // "kitchen status says 50 minute wait": the kitchen's wait; a delivery travels on top of it.
    ...(wait !== undefined
      ? {
          kitchen: {
            pickupWaitMinutes: wait,
            deliveryWaitMinutes: menu.fulfilment.delivery.enabled
              ? wait + DELIVERY_TRAVEL_MINUTES
              : null,
          },
        }
      : {}),
  });
  const caller = new SimulatedCaller(scenario, menu);
  const session = await manager.open({ config, channel: 'simulator' });
  let reply = session.greeting;
  let callerTurns = 0;
  while (!session.isEnded && callerTurns < MAX_CALLER_TURNS) {
    const utterance = caller.respond(reply);
    if (utterance === undefined) break;
    callerTurns++;
    const turn = await session.turn(utterance);
    reply = turn.reply;
  }
  await session.hangUp();
  const outcome = session.outcome ?? 'failed';
  const goal = scenario.goal;
  let orderMatches: boolean | null = null;
  if (session.order) {
    const draft = session.order.documents.draft;
    orderMatches =
      linesMatch(draft.lines, goal.items, defaultSizes(menu)) &&
      draft.fulfilment.type === goal.fulfilment &&
      sameName(draft.customer.name, goal.name) &&
      draft.customer.phone === goal.phone.replace(/[^\d+]/g, '');
  }
  const completed = store
    .eventsOf(session.ref.sessionId)
    .filter((e) => e.type === 'SessionCompleted');
  const problem =
    completed.length !== 1 ? `${completed.length} SessionCompleted events` : undefined;
  const pass =
    problem === undefined &&
    outcome === scenario.expect.outcome &&
    (outcome !== 'order_created' || orderMatches === true);
  return {
    id: scenario.id,
    menu: scenario.menu,
    style: scenario.behaviour.style,
    expected: scenario.expect.outcome,
    outcome,
    pass,
    orderMatches,
    escalated: outcome === 'escalated',
    turns: session.state.turns,
    repairs: session.state.repairs,
    turnLatencyMs: session.timings.map((timing) => timing.totalMs),
    transcript: session.transcript,
    ...(problem ? { problem } : {}),
  };
}

export async function runScenarios(
  scenarios: readonly Scenario[],
  menusDir: string,
): Promise<ScenarioResult[]> {
  const menus = new Map<string, MenuV1>();
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    let menu = menus.get(scenario.menu);
    if (!menu) {
      menu = loadMenuFile(menusDir, scenario.menu);
      menus.set(scenario.menu, menu);
    }
    results.push(await runScenario(scenario, menu));
  }
  return results;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export function summarise(results: readonly ScenarioResult[]): ScenarioSummary {
  const count = results.length || 1;
  const wantOrder = results.filter((result) => result.expected === 'order_created');
  const latencies = results.flatMap((result) => result.turnLatencyMs).sort((a, b) => a - b);
  return {
    scenarios: results.length,
    passed: results.filter((result) => result.pass).length,
    completionRate: results.filter((result) => result.pass).length / count,
    escalationRate: results.filter((result) => result.escalated).length / count,
    unnecessaryEscalationRate:
      results.filter((result) => result.escalated && result.expected !== 'escalated').length /
      count,
    orderAccuracy:
      wantOrder.filter((result) => result.orderMatches === true).length / (wantOrder.length || 1),
    latencyMs: { median: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
  };
}

/** A fixed-width table, one row per scenario, then the overall figures. */
export function formatResults(
  results: readonly ScenarioResult[],
  summary: ScenarioSummary,
): string {
  const rows = results.map(
    (result) =>
      `${result.pass ? 'ok  ' : 'MISS'} ${result.id.padEnd(12)} ${result.style.padEnd(20)} ${String(result.outcome).padEnd(15)} ${String(result.expected).padEnd(15)} ${result.orderMatches === null ? '-    ' : result.orderMatches ? 'yes  ' : 'no   '} ${String(result.turns).padStart(3)} ${String(result.repairs).padStart(3)}`,
  );
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    `     ${'scenario'.padEnd(12)} ${'style'.padEnd(20)} ${'outcome'.padEnd(15)} ${'expected'.padEnd(15)} order turns repairs`,
    ...rows,
    '',
    `completion ${percent(summary.completionRate)} (${summary.passed}/${summary.scenarios})   escalation ${percent(summary.escalationRate)} (unnecessary ${percent(summary.unnecessaryEscalationRate)})   order accuracy ${percent(summary.orderAccuracy)}`,
    `turn latency median ${summary.latencyMs.median.toFixed(3)} ms   p99 ${summary.latencyMs.p99.toFixed(3)} ms`,
  ].join('\n');
}

/**
 * Names compared as spelled (accents, hyphens, apostrophes count: a caller hears them read
 * back), but not by letter case or spacing, which a recogniser does not reliably give.
 */
export function sameName(stored: string | undefined, goal: string): boolean {
  const norm = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return stored !== undefined && norm(stored) === norm(goal);
}
