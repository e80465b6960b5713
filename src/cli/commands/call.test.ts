import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { callCommand } from './call.ts';
import { simulateCommand } from './simulate.ts';

const evalDir = fileURLToPath(new URL('../../../../shared/eval/', import.meta.url));

async function runCommand(command: typeof callCommand, args: string[], input = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stdin.end(input);
  const code = await command.run(args, {
    stdin,
    stdout,
    stderr: new PassThrough(),
    signal: new AbortController().signal,
  });
  return { code, out };
}

test('call --text --menu --json: a piped call ends with one JSON summary', async () => {
  const { code, out } = await runCommand(
    callCommand,
    [
      '--text',
      '--menu',
      `${evalDir}menus/luigis-pizzeria.json`,
      '--at',
      '2026-01-07T19:00:00+01:00',
      '--json',
    ],
    'a large pepperoni pizza for pickup\nmy name is Anna de Vries\n06 1234 5678\nyes\nyes\n',
  );
  assert.equal(code, 0);
  assert.match(out, /agent> Hi, thanks for calling/);
  const summary = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  assert.equal(summary.outcome, 'order_created');
  assert.deepEqual(summary.events, ['OrderDrafted', 'SessionCompleted']);
  assert.equal(summary.phone, '+31612345678');
});

test('call at EOF: the caller hung up', async () => {
  const { out } = await runCommand(
    callCommand,
    [
      '--text',
      '--menu',
      `${evalDir}menus/luigis-pizzeria.json`,
      '--at',
      '2026-01-07T19:00:00+01:00',
      '--json',
    ],
    'a large pepperoni pizza\n',
  );
  const summary = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  assert.equal(summary.outcome, 'caller_hung_up');
});

test('simulate prints a table with the overall figures', async () => {
  const { code, out } = await runCommand(simulateCommand, [
    '--scenarios',
    `${evalDir}scenarios-dev.jsonl`,
  ]);
  assert.equal(code, 0);
  assert.match(out, /completion \d+\.\d %/);
});
