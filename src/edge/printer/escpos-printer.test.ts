import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../../platform/clock.ts';
import { examplePrinterTicket } from '../../contracts/testing/index.ts';
import { PrinterSim } from '../printer-sim/printer-sim.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { EscPosPrinter } from './escpos-printer.ts';
import { PrinterProtocolError, PrinterUnavailableError } from './printer-errors.ts';
import { printWithRetries } from './print-with-retries.ts';
import { encodeTicket } from './ticket-layout.ts';

void describe('ESC/POS printer driver against the simulator', () => {
  let sim: PrinterSim;
  let printer: EscPosPrinter;
  before(async () => {
    sim = await PrinterSim.start({ port: 0 });
    printer = new EscPosPrinter({
      host: '127.0.0.1',
      port: sim.port,
      statusTimeoutMs: 500,
      printTimeoutMs: 1000,
    });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.printed.length = 0;
    sim.set({
      paperOut: false,
      offline: false,
      garbage: false,
      dropConnections: false,
      slowMs: 0,
      transientFaultRate: 0,
    });
  });

  void it('prints a ticket and reads the printer state', async () => {
    assert.equal(await printer.readState(), 'online');
    await printer.print(encodeTicket(examplePrinterTicket()));
    assert.equal(sim.printed.length, 1);
    assert.match(sim.printed[0]!.text, /\[NO PINEAPPLE\]/);
    assert.match(sim.printed[0]!.text, /\+ EXTRA CHEESE/);
  });

  void it('sends nothing to a printer out of paper, offline or with the cover open', async () => {
    for (const [mode, state] of [
      [{ paperOut: true }, 'paper_out'],
      [{ offline: true }, 'offline'],
      [{ coverOpen: true }, 'cover_open'],
    ] as const) {
      sim.set({ paperOut: false, offline: false, coverOpen: false });
      sim.set(mode);
      assert.equal(await printer.readState(), state);
      await assert.rejects(printer.print(encodeTicket(examplePrinterTicket())), (error) => {
        assert.ok(error instanceof PrinterUnavailableError);
        assert.equal(error.state, state);
        return true;
      });
    }
    sim.set({ coverOpen: false });
    assert.equal(sim.printed.length, 0);
    assert.equal(sim.discardedTickets, 0, 'not even sent');
  });

  void it('refuses a garbage answer and an unreachable printer with clear errors', async () => {
    sim.set({ garbage: true });
    await assert.rejects(printer.readState(), PrinterProtocolError);
    const gone = new EscPosPrinter({ host: '127.0.0.1', port: 1, connectTimeoutMs: 300 });
    await assert.rejects(gone.print(encodeTicket(examplePrinterTicket())), {
      code: 'printer_unreachable',
    });
    assert.equal(await gone.readState(), 'offline');
  });

  void it('retries at most twice, then reports the job failed', async () => {
    sim.set({ garbage: true });
    const attempts: number[] = [];
    const result = await printWithRetries({
      printer,
      breaker: new CircuitBreaker({ failureThreshold: 10 }),
      ticket: examplePrinterTicket(),
      attemptsSoFar: 0,
      reprint: false,
      retryDelayMs: 1,
      onAttempt: (n) => attempts.push(n),
    });
    assert.equal(result.kind, 'failed');
    assert.equal(result.attempts, 3);
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal(result.kind === 'failed' && result.error.code, 'printer_garbage_answer');
  });

  void it('recovers from a connection dropped mid-ticket with a marked reprint', async () => {
    // The simulator draws twice per connection: "fault?" then which one (drop_mid_ticket).
    const draws = [0, 0.5];
    const random = () => draws.shift() ?? 0.99;
    const faulty = await PrinterSim.start({ port: 0, random, mode: { transientFaultRate: 0.5 } });
    try {
      const result = await printWithRetries({
        printer: new EscPosPrinter({ host: '127.0.0.1', port: faulty.port, printTimeoutMs: 500 }),
        breaker: new CircuitBreaker(),
        ticket: examplePrinterTicket(),
        attemptsSoFar: 0,
        reprint: false,
        retryDelayMs: 1,
        onAttempt: () => undefined,
      });
      assert.deepEqual(result, { kind: 'printed', attempts: 2, reprinted: true });
      assert.equal(faulty.faults.drop_mid_ticket, 1);
      assert.equal(faulty.printed.length, 1, 'the dropped try printed nothing');
      assert.match(faulty.printed[0]!.text, /REPRINT/);
    } finally {
      await faulty.close();
    }
  });

  void it('waits without spending tries while the printer is out of paper; the breaker opens', async () => {
    sim.set({ paperOut: true });
    const clock = new ManualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, openDurationMs: 1000, clock });
    const input = {
      printer,
      breaker,
      ticket: examplePrinterTicket(),
      attemptsSoFar: 0,
      reprint: false,
      onAttempt: () => assert.fail('no try while out of paper'),
    };
    for (let i = 0; i < 2; i += 1) {
      const result = await printWithRetries(input);
      assert.equal(result.kind, 'not_ready');
      assert.equal(result.kind === 'not_ready' && result.state, 'paper_out');
    }
    assert.equal(breaker.state, 'open');
    const open = await printWithRetries(input);
    assert.equal(open.kind === 'not_ready' && open.error.code, 'printer_circuit_open');
    sim.set({ paperOut: false });
    clock.advance(1000);
    assert.equal(breaker.state, 'half_open');
    const printed = await printWithRetries({ ...input, onAttempt: () => undefined });
    assert.equal(printed.kind, 'printed');
    assert.equal(breaker.state, 'closed');
  });
});
