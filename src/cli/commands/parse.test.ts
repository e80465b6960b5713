import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../command.ts';
import { parseCommand } from './parse.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pizzeria = path.resolve(repoRoot, '../shared/eval/menus/luigis-pizzeria.json');

async function run(args: string[], input: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await parseCommand.run(args, {
    stdin: Readable.from([input]),
    stdout,
    stderr,
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

test('voxeron parse writes one JSON line per utterance', async () => {
  const { code, out } = await run(['--menu', pizzeria], 'two large pepperoni pizzas\nyes\n');
  assert.equal(code, 0);
  const rows = out
    .trim()
    .split('\n')
    .map(
      (row) =>
        JSON.parse(row) as { text: string; lines: { item: string }[]; acts: { type: string }[] },
    );
  assert.equal(rows.length, 2);
  assert.equal(rows[0]?.lines[0]?.item, 'pepperoni-pizza');
  assert.equal(rows[1]?.acts[0]?.type, 'affirm');
});

test('an invalid menu exits 1 and names each problem path', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'voxeron-parse-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'voxeron.menu/v1',
      name: 'x',
      currency: 'EUR',
      locale: 'en-US',
      items: [{ id: 'a', name: 'a', category: 'c', price: -1, modifierGroups: ['nope'] }],
    }),
  );
  const { code, err } = await run(['--menu', file], '');
  assert.equal(code, 1);
  assert.match(err, /\$\.items\[0\]\.price/);
});

test('a missing --menu is a usage error', async () => {
  await assert.rejects(run([], ''), UsageError);
});
