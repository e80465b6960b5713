import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { examplePrinterTicket } from '../../contracts/testing/index.ts';
import { encodeTicket } from '../printer/ticket-layout.ts';
import { PrinterSim } from './printer-sim.ts';

/** Sends raw bytes, collects what the printer answers within `waitMs`. */
async function exchange(port: number, bytes: Uint8Array, waitMs = 100): Promise<number[]> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const answer: number[] = [];
  socket.on('data', (chunk: Buffer) => answer.push(...chunk));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(bytes);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  socket.destroy();
  return answer;
}

const statusRequests = Uint8Array.of(0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4);

void describe('printer simulator', () => {
  let sim: PrinterSim;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'voxeron-sim-'));
    sim = await PrinterSim.start({ port: 0, outputDir: dir });
  });
  after(() => sim.close());

  void it('decodes a ticket into readable text with emphasis, one file per ticket', async () => {
    await exchange(sim.port, encodeTicket(examplePrinterTicket()));
    assert.equal(sim.printed.length, 1);
    const text = sim.printed[0]!.text;
    assert.match(text, /Luigi's Pizzeria/);
    assert.match(text, /ORDER A-1042/);
    assert.match(text, /PICKUP 19:30/);
    assert.match(text, /\*2x Hawaiian \(large\)\*/);
    assert.match(text, /\[NO PINEAPPLE\]/, 'a removal prints inverted');
    assert.match(text, /\+ EXTRA CHEESE/);
    assert.match(text, /NOTE: ring the bell/);
    assert.match(text, /Customer: Anna de Vries/);
    assert.deepEqual(await readdir(dir), ['ticket-000001.txt']);
    assert.equal(await readFile(path.join(dir, 'ticket-000001.txt'), 'utf8'), text);
  });

  void it('answers DLE EOT 1-4 with Epson status bytes for each mode', async () => {
    assert.deepEqual(await exchange(sim.port, statusRequests), [0x12, 0x12, 0x12, 0x12]);
    sim.set({ paperOut: true });
    assert.deepEqual(await exchange(sim.port, statusRequests), [0x1a, 0x32, 0x12, 0x72]);
    sim.set({ paperOut: false, offline: true });
    assert.deepEqual(await exchange(sim.port, statusRequests), [0x1a, 0x12, 0x12, 0x12]);
    sim.set({ offline: false, coverOpen: true });
    assert.deepEqual(await exchange(sim.port, statusRequests), [0x1a, 0x16, 0x12, 0x12]);
    sim.set({ coverOpen: false, garbage: true });
    assert.deepEqual(await exchange(sim.port, Uint8Array.of(0x10, 4, 1)), [0xff]);
    sim.set({ garbage: false });
  });

  void it('does not print while out of paper, and drops connections when told', async () => {
    const before = sim.printed.length;
    sim.set({ paperOut: true });
    await exchange(sim.port, encodeTicket(examplePrinterTicket()));
    assert.equal(sim.printed.length, before);
    assert.equal(sim.discardedTickets, 1);
    sim.set({ paperOut: false, dropConnections: true });
    assert.deepEqual(await exchange(sim.port, statusRequests), []);
    sim.set({ dropConnections: false });
  });

  void it('answers a status that follows a ticket only after printing it, even when slow', async () => {
    sim.set({ slowMs: 50 });
    const bytes = [...encodeTicket(examplePrinterTicket()), 0x10, 4, 1];
    const answer = await exchange(sim.port, Uint8Array.from(bytes), 300);
    assert.deepEqual(answer, [0x12]);
    sim.set({ slowMs: 0 });
  });
});
