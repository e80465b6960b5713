/**
 * Printer success under transient faults (blueprint §16: ≥ 99.0 % with ≤ 2 retries). Prints N
 * tickets (BENCH_PRINT_JOBS, default 1000) to the simulator with 5 % of connections faulted
 * (dropped on connect, dropped mid-ticket, garbage status) and prints the figures.
 * Usage: node --import tsx bench/printer-success.ts
 */
import { examplePrinterTicket } from '../src/contracts/testing/index.ts';
import { newId } from '../src/platform/ids.ts';
import { CircuitBreaker } from '../src/edge/printer/circuit-breaker.ts';
import { EscPosPrinter } from '../src/edge/printer/escpos-printer.ts';
import { printWithRetries } from '../src/edge/printer/print-with-retries.ts';
import { PrinterSim } from '../src/edge/printer-sim/printer-sim.ts';

const jobs = Number(process.env.BENCH_PRINT_JOBS ?? 1000);
const faultRate = 0.05;
const sim = await PrinterSim.start({ port: 0, mode: { transientFaultRate: faultRate } });
const printer = new EscPosPrinter({
  host: '127.0.0.1',
  port: sim.port,
  statusTimeoutMs: 500,
  printTimeoutMs: 1000,
});
const breaker = new CircuitBreaker({ failureThreshold: 1000 });
let printed = 0;
let failed = 0;
let notReady = 0;
const attemptsHistogram = new Map<number, number>();
const started = performance.now();
for (let i = 0; i < jobs; i += 1) {
  let attemptsSoFar = 0;
  let result;
  // A connection refused before sending costs no try (the job waits); count it and go on.
  for (;;) {
    result = await printWithRetries({
      printer,
      breaker,
      ticket: { ...examplePrinterTicket(), job_id: newId() },
      attemptsSoFar,
      reprint: false,
      retryDelayMs: 1,
      onAttempt: () => undefined,
    });
    if (result.kind !== 'not_ready') break;
    notReady += 1;
    attemptsSoFar = result.attempts;
  }
  if (result.kind === 'printed') printed += 1;
  else failed += 1;
  attemptsHistogram.set(result.attempts, (attemptsHistogram.get(result.attempts) ?? 0) + 1);
}
const elapsedMs = performance.now() - started;
await sim.close();
const successPercent = (printed / jobs) * 100;
console.log(
  `printer success: ${printed}/${jobs} = ${successPercent.toFixed(2)} % (target ≥ 99.0 %, ≤ 2 retries)`,
);
console.log(
  `failed after 3 tries: ${failed}; waits for an unreachable printer (no try spent): ${notReady}`,
);
console.log(`injected faults (${faultRate * 100} % of connections): ${JSON.stringify(sim.faults)}`);
console.log(
  `tickets on paper: ${sim.printed.length}; tries per job: ${JSON.stringify(Object.fromEntries([...attemptsHistogram].sort()))}`,
);
console.log(`elapsed ${(elapsedMs / 1000).toFixed(1)} s`);
process.exitCode = successPercent >= 99 ? 0 : 1;
