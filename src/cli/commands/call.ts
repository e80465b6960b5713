/**
 * `voxeron call --text [--tenant T | --menu FILE] [--json]`: a live text call in the terminal,
 * through the same session manager a phone call uses. `--menu` runs without a database (memory
 * store); `--tenant` (default: the demo tenant) reads the menu and kitchen status from the
 * database and writes the session, its events and its actions for real.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { validateMenuV1 } from '../../contracts/menu/index.ts';
import { demoTenant, ensureDemoTenant } from '../../control/tenants/demo-tenant.ts';
import type { CallSession, MemorySessionStore, SessionManager } from '../../data/session/index.ts';
import {
  ContextEngine,
  PostgresLocationSource,
  PostgresSessionStore,
  SessionManager as Manager,
  ToolRunner,
  createLocalSessions,
} from '../../data/session/index.ts';
import { loadRuntimeSnapshot } from '../../platform/runtime-controls/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log/index.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { reportStartupError } from '../startup-error.ts';
import { runVoiceCall, voiceUsage } from './call-voice.ts';
import { tenantConfig } from './tenant-session-config.ts';

const usage = `Usage: voxeron call --text [--tenant ID | --menu FILE] [--json]
${voiceUsage}

A text call with the ordering agent. Type what a caller would say after "you> ". When stdin is
not a terminal, each line is one caller turn and the end of input hangs up.

Options:
  --text         text channel
  --voice        voice channel (see above)
  --menu FILE    a voxeron.menu/v1 JSON file; runs without a database
  --tenant ID    tenant id in the database (default: the demo tenant ${demoTenant.tenantId})
  --at TIME      pretend the call starts at this ISO time (e.g. 2026-01-07T19:00:00+01:00),
                 to try opening hours
  --json         at the end print one JSON object: outcome, order, fulfilment, name, phone,
                 events, per-turn timings`;

interface CallArgs {
  at: Date | undefined;
  menu: string | undefined;
  tenant: string | undefined;
  json: boolean;
}

function parseArgs(args: readonly string[]): CallArgs {
  const parsed: CallArgs = { at: undefined, menu: undefined, tenant: undefined, json: false };
  let text = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    const value = () => {
      const next = args[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      k++;
      return next;
    };
    if (arg === '--text') text = true;
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--menu') parsed.menu = value();
    else if (arg.startsWith('--menu=')) parsed.menu = arg.slice('--menu='.length);
    else if (arg === '--tenant') parsed.tenant = value();
    else if (arg === '--at') {
      const at = new Date(value());
      if (Number.isNaN(at.getTime())) throw new UsageError('--at needs an ISO time');
      parsed.at = at;
    } else if (arg.startsWith('--tenant=')) parsed.tenant = arg.slice('--tenant='.length);
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  if (!text) throw new UsageError('--text or --voice is required');
  if (parsed.menu !== undefined && parsed.tenant !== undefined)
    throw new UsageError('use --menu or --tenant, not both');
  return parsed;
}

/** Plays one call over the terminal; returns after the call ended or stdin closed. */
export async function converse(session: CallSession, io: CliIo, json: boolean): Promise<void> {
  const interactive = io.stdin.isTTY === true;
  const say = (text: string) => {
    if (text !== '') io.stdout.write(`agent> ${text}\n`);
  };
  say(session.greeting);
  if (session.isEnded) return;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  if (interactive) io.stdout.write('you> ');
  try {
    for await (const line of lines) {
      if (io.signal.aborted) break;
      if (!interactive && !json) io.stdout.write(`you> ${line}\n`);
      const turn = await session.turn(line);
      say(turn.reply);
      if (turn.ended) break;
      if (interactive) io.stdout.write('you> ');
    }
  } finally {
    lines.close();
  }
  await session.hangUp();
}

export function callSummary(session: CallSession, events: readonly string[]) {
  return {
    session_id: session.ref.sessionId,
    outcome: session.outcome ?? null,
    order_reference: session.order?.orderReference ?? null,
    order: session.order
      ? session.order.documents.draft.lines.map((line) => ({
          item: line.item,
          quantity: line.quantity,
          ...(line.size ? { size: line.size } : {}),
          ...(line.variant ? { variant: line.variant } : {}),
          modifiers: line.modifiers.map((modifier) => ({
            group: modifier.group,
            option: modifier.option,
            action: modifier.action,
            ...(modifier.qualifier ? { qualifier: modifier.qualifier } : {}),
          })),
        }))
      : session.state.lines,
    fulfilment: session.state.fulfilment ?? null,
    name: session.state.name ?? null,
    phone: session.state.phone ?? null,
    escalation: session.escalation ?? null,
    events,
    turns: session.timings.map((timing, index) => ({
      turn: index + 1,
      total_ms: Math.round(timing.totalMs * 1000) / 1000,
    })),
  };
}

/** The system clock, shifted so the call starts at `at`. */
function clockFrom(at: Date | undefined): Clock {
  if (!at) return systemClock;
  const shiftMs = at.getTime() - Date.now();
  return { now: () => new Date(Date.now() + shiftMs), monotonicMs: () => performance.now() };
}

async function runWithMenu(path: string, args: CallArgs, io: CliIo): Promise<number> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    io.stderr.write(`voxeron call: cannot read menu ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const validation = validateMenuV1(input);
  if (!validation.ok) {
    for (const problem of validation.problems)
      io.stderr.write(`${problem.path}: ${problem.message}\n`);
    return 1;
  }
  const { manager, store, config } = createLocalSessions(validation.menu, {
    clock: clockFrom(args.at),
  });
  const session = await manager.open({ config, channel: 'text', signal: io.signal });
  await converse(session, io, args.json);
  if (args.json) {
    const events = (store as MemorySessionStore).eventsOf(session.ref.sessionId).map((e) => e.type);
    io.stdout.write(`${JSON.stringify(callSummary(session, events))}\n`);
  }
  return 0;
}

async function runWithTenant(tenantId: string, args: CallArgs, io: CliIo): Promise<number> {
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  const config = loadConfig();
  const logger = createLogger({
    level: 'warn',
    destination: pino.destination({ fd: 2, sync: true }),
  });
  try {
    opened = await openDatabase(config, logger, { signal: io.signal, attachToRunning: true });
  } catch (error) {
    return reportStartupError(error, io);
  }
  try {
    if (tenantId === demoTenant.tenantId) await ensureDemoTenant(opened.db, io.signal);
    const sessionConfig = await tenantConfig(opened.db, tenantId);
    if (!sessionConfig) {
      io.stderr.write(`voxeron call: tenant ${tenantId} has no location with an active menu\n`);
      return 1;
    }
    const context = new ContextEngine(new ToolRunner(new PostgresLocationSource(opened.db)));
    // One look at the kill switches as the call starts is all a one-call process needs.
    const controls = await loadRuntimeSnapshot(opened.db, io.signal);
    const manager: SessionManager = new Manager({
      store: new PostgresSessionStore(opened.db),
      context,
      overflowOff: (tenant, location) => controls.isOverflowOff(tenant, location),
      logger,
      clock: clockFrom(args.at),
    });
    const session = await manager.open({
      config: sessionConfig,
      channel: 'text',
      signal: io.signal,
    });
    await converse(session, io, args.json);
    if (args.json) {
      const events = await opened.db.withTenant(tenantId, (tx) =>
        tx.query<{ type: string }>('select type from events where session_id = $1 order by seq', [
          session.ref.sessionId,
        ]),
      );
      io.stdout.write(
        `${JSON.stringify(
          callSummary(
            session,
            events.rows.map((row) => row.type),
          ),
        )}\n`,
      );
    }
    return 0;
  } finally {
    await opened.close();
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--voice')) return runVoiceCall(args, io);
  const parsed = parseArgs(args);
  if (parsed.menu !== undefined) return runWithMenu(parsed.menu, parsed, io);
  return runWithTenant(parsed.tenant ?? demoTenant.tenantId, parsed, io);
}

export const callCommand: CliCommand = {
  name: 'call',
  summary: 'Talk to the ordering agent in the terminal (text call)',
  usage,
  run,
};
