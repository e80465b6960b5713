/**
 * `voxeron start` as a user runs it: a real process with the embedded PostgreSQL, the demo
 * restaurant, health endpoints, Ctrl-C, a second start on the same data, recovery after a
 * kill -9, and one clear line for each start-up mistake.
 */
import assert from 'node:assert/strict';
import {
  chownSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, type CliProcess } from './support/run-cli.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-start-'));
// As root the server runs as the postgres user, who must be able to reach the data dir.
chmodSync(dataDir, 0o755);
const baseEnv = {
  VOXERON_DATA_DIR: dataDir,
  VOXERON_HTTP_PORT: '0',
  VOXERON_EDGE_LINK_PORT: '0',
  VOXERON_EDGE_ENROLLMENT_PORT: '0',
};
const running: CliProcess[] = [];

after(async () => {
  // Anything still running is stopped the way a user would, so no PostgreSQL is left behind.
  for (const cli of running) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGINT');
      await cli.exited;
    }
  }
});

function start(env: Record<string, string> = {}): CliProcess {
  const cli = runCli(['start'], { ...baseEnv, ...env });
  running.push(cli);
  return cli;
}

async function baseUrlOf(cli: CliProcess): Promise<string> {
  const match = await cli.waitForOutput(/health\s+(http:\/\/127\.0\.0\.1:\d+)\/healthz/);
  return match[1]!;
}

/** Polls `dir` (or one file in it) until a file's text matches; returns that text. */
async function waitForFile(
  dir: string,
  pattern: RegExp,
  fileName?: string,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = existsSync(dir) ? (fileName ? [fileName] : readdirSync(dir)) : [];
    for (const name of names) {
      const file = path.join(dir, name);
      const text = existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : '';
      if (pattern.test(text)) return text;
    }
    if (Date.now() > deadline)
      throw new Error(`no file in ${dir} matched ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function serverPid(): number | undefined {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('voxeron start', { concurrency: false }, () => {
  it('boots the embedded database and the demo restaurant, serves health, and stops cleanly on Ctrl-C', async () => {
    const cli = start();
    const base = await baseUrlOf(cli);
    assert.match(cli.stdout(), /demo\s+Luigi's Pizzeria/);
    assert.match(cli.stdout(), /"created":true,"menuItems":16/);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.deepEqual(await (await fetch(`${base}/readyz`)).json(), {
      status: 'ready',
      checks: { database: 'ok' },
    });
    const pid = serverPid();
    assert.ok(pid && isAlive(pid), 'the embedded PostgreSQL is running');
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 0);
    assert.ok(!isAlive(pid), 'Ctrl-C stopped PostgreSQL too');
  });

  it('takes a text call against the running platform and writes the order to the outbox', async () => {
    const platform = start();
    await baseUrlOf(platform);
    const call = runCli(['call', '--text', '--json', '--at', '2026-11-24T19:00:00+01:00'], baseEnv);
    running.push(call);
    call.child.stdin!.end(
      [
        'a large pepperoni pizza and two cokes for pickup',
        'my name is anna de vries',
        'zero six one two three four five six seven eight',
        'yes', // to the number read back
        'yes', // to the order
      ].join('\n') + '\n',
    );
    assert.equal(await call.exited, 0, call.stderr());
    const summary = JSON.parse(call.stdout().slice(call.stdout().lastIndexOf('\n{'))) as {
      outcome: string;
      order: unknown[];
      events: string[];
    };
    assert.equal(summary.outcome, 'order_created');
    assert.deepEqual(summary.order, [
      { item: 'pepperoni-pizza', quantity: 1, size: 'large', modifiers: [] },
      { item: 'cola', quantity: 2, size: 'can', modifiers: [] }, // the menu's default size, resolved at confirmation
    ]);
    assert.ok(
      summary.events.includes('OrderDrafted') && summary.events.includes('SessionCompleted'),
    );
    // The dispatcher writes the order to the console POS, the demo edge agent prints the kitchen
    // ticket on the virtual printer over mTLS, and the confirmation text lands in the SMS sink.
    const ticket = await waitForFile(
      path.join(dataDir, 'printed-tickets'),
      /1x pepperoni pizza \(large\)/,
    );
    assert.match(ticket, /2x coca cola \(can\)/);
    assert.match(ticket, /Customer: Anna de Vries/);
    const texts = await waitForFile(dataDir, /"to":"\+31612345678"/, 'outbox-sms.jsonl');
    assert.match(texts, /your order A-\d+ is confirmed/);
    platform.child.kill('SIGINT');
    assert.equal(await platform.exited, 0);
  });

  it('reuses the data on a second start', async () => {
    const cli = start();
    await baseUrlOf(cli);
    assert.match(cli.stdout(), /"created":false,"menuItems":16/);
    assert.doesNotMatch(cli.stdout(), /creating the embedded PostgreSQL cluster/);
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 0);
  });

  it('recovers after the previous start was killed with kill -9', async () => {
    const first = start();
    await baseUrlOf(first);
    const orphan = serverPid()!;
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok(isAlive(orphan), 'kill -9 leaves the PostgreSQL child running');
    const second = start();
    const base = await baseUrlOf(second);
    assert.match(second.stdout(), /stopping an embedded PostgreSQL left running by an earlier run/);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    second.child.kill('SIGINT');
    assert.equal(await second.exited, 0);
  });

  it('refuses a second start on the same data while the first runs', async () => {
    const first = start();
    await baseUrlOf(first);
    const second = start();
    assert.equal(await second.exited, 1);
    assert.match(
      second.stderr(),
      /^voxeron: database: another Voxeron \(pid \d+\) is using the data dir .*Fix: /,
    );
    first.child.kill('SIGINT');
    assert.equal(await first.exited, 0);
  });

  it('stops with one line naming the cause and the fix when the HTTP port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const cli = start({ VOXERON_HTTP_PORT: String(port) });
      assert.equal(await cli.exited, 1);
      assert.equal(cli.stderr().trim().split('\n').length, 1);
      assert.match(
        cli.stderr(),
        new RegExp(`http: port ${port} on 127.0.0.1 is already in use\\. Fix: `),
      );
      assert.equal(serverPid(), undefined, 'the embedded PostgreSQL was stopped on the way out');
    } finally {
      blocker.close();
    }
  });

  for (const [what, env, expected] of [
    [
      'an unknown setting',
      { VOXERON_HTTP_PROT: '1' },
      /^voxeron: config: VOXERON_HTTP_PROT is not a setting \(did you mean VOXERON_HTTP_PORT\?\)\. Fix: /,
    ],
    [
      'an invalid value',
      { VOXERON_LOG_LEVEL: 'loud' },
      /^voxeron: config: VOXERON_LOG_LEVEL is invalid .* Fix: use one of/,
    ],
    [
      'an unreachable DATABASE_URL',
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/voxeron' },
      /^voxeron: database: DATABASE_URL \(127\.0\.0\.1:1\/voxeron\) is unreachable: .*Fix: /,
    ],
    [
      'an embedded port in use',
      { VOXERON_EMBEDDED_PG_PORT: 'BUSY' },
      /^voxeron: database: port \d+ \(VOXERON_EMBEDDED_PG_PORT\) is already in use\. Fix: /,
    ],
  ] as const) {
    it(`stops with one clear line on ${what}`, async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const busyPort = String((blocker.address() as net.AddressInfo).port);
      try {
        const resolvedEnv = Object.fromEntries(
          Object.entries(env).map(([k, v]) => [k, v === 'BUSY' ? busyPort : v]),
        );
        const cli = start(resolvedEnv);
        assert.equal(await cli.exited, 1);
        assert.equal(cli.stderr().trim().split('\n').length, 1, cli.stderr());
        assert.match(cli.stderr(), expected);
      } finally {
        blocker.close();
      }
    });
  }

  it(
    'stops with one clear line when the data dir belongs to someone else',
    { skip: os.userInfo().uid !== 0 && 'needs root to chown' },
    async () => {
      const foreignDir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-foreign-'));
      mkdirSync(path.join(foreignDir, 'postgres'));
      chownSync(path.join(foreignDir, 'postgres'), 54321, 54321);
      const cli = start({ VOXERON_DATA_DIR: foreignDir });
      assert.equal(await cli.exited, 1);
      assert.match(
        cli.stderr(),
        /^voxeron: database: .*postgres is owned by uid 54321, but the embedded PostgreSQL runs as uid \d+\. Fix: /,
      );
    },
  );
});
