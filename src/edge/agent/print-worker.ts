import type { PrinterHealth, PrinterState } from '../../contracts/edge/index.ts';
import { delay } from '../../platform/clock.ts';
import type { Logger } from '../../platform/log/index.ts';
import { CircuitBreaker } from '../printer/circuit-breaker.ts';
import { EscPosPrinter } from '../printer/escpos-printer.ts';
import { printWithRetries } from '../printer/print-with-retries.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { AgentConfig } from './agent-config.ts';

export interface PrintWorkerOptions {
  /** Pause between tries of one job, in ms. @default 250 */
  retryDelayMs?: number;
  /** How often a printer that is not ready is asked again, in ms. @default 1000 */
  notReadyPollMs?: number;
  /** Breaker open time, in ms. @default 5000 */
  breakerOpenMs?: number;
  /** Printer status/print timeouts, in ms. */
  statusTimeoutMs?: number;
  printTimeoutMs?: number;
}

/**
 * Prints the local queue in order, one job at a time per agent (kitchen tickets keep their
 * order). Every state change is written to the queue before the next step; `onChange` tells the
 * link there is something to report.
 */
export class PrintWorker {
  private readonly printers = new Map<
    string,
    { printer: EscPosPrinter; breaker: CircuitBreaker; state: PrinterState }
  >();
  private wake: (() => void) | undefined;

  constructor(
    private readonly queue: JobQueue,
    config: AgentConfig,
    private readonly options: PrintWorkerOptions,
    private readonly onChange: () => void,
    private readonly logger: Logger,
  ) {
    for (const printer of config.printers) {
      this.printers.set(printer.printer_id, {
        printer: new EscPosPrinter({
          host: printer.host,
          port: printer.port,
          ...(options.statusTimeoutMs ? { statusTimeoutMs: options.statusTimeoutMs } : {}),
          ...(options.printTimeoutMs ? { printTimeoutMs: options.printTimeoutMs } : {}),
        }),
        breaker: new CircuitBreaker({ openDurationMs: options.breakerOpenMs ?? 5000 }),
        state: 'online',
      });
    }
  }

  /** Printer states for hello and heartbeats. */
  health(): PrinterHealth[] {
    return [...this.printers].map(([printer_id, entry]) => ({ printer_id, state: entry.state }));
  }

  /** A new job arrived: stop idling. */
  notify(): void {
    this.wake?.();
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const job = this.queue.nextQueued();
      if (job === undefined || job.ticket === undefined) {
        await this.idle(1000, signal);
        continue;
      }
      const entry = this.printers.get(job.printerId) ?? this.printers.values().next().value;
      if (entry === undefined || !this.queue.startPrinting(job.jobId)) continue;
      this.onChange();
      let result;
      try {
        result = await printWithRetries({
          printer: entry.printer,
          breaker: entry.breaker,
          ticket: job.ticket,
          attemptsSoFar: job.attempts,
          reprint: job.bytesSent,
          retryDelayMs: this.options.retryDelayMs ?? 250,
          onAttempt: (attempt) => this.queue.recordAttempt(job.jobId, attempt),
          signal,
        });
      } catch (error) {
        if (signal.aborted) return; // stays `printing`; recovered at the next start
        throw error;
      }
      if (result.kind === 'printed') {
        entry.state = 'online';
        this.queue.markPrinted(job.jobId);
      } else if (result.kind === 'failed') {
        this.logger.warn({ jobId: job.jobId, code: result.error.code }, 'print job failed');
        this.queue.markFailed(job.jobId, result.error);
      } else {
        entry.state = result.state;
        this.queue.requeue(job.jobId, result.error);
        this.onChange();
        await delay(Math.max(result.retryInMs, this.options.notReadyPollMs ?? 1000), signal).catch(
          () => undefined,
        );
        continue;
      }
      this.onChange();
    }
  }

  private async idle(maxMs: number, signal: AbortSignal): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, maxMs);
      const onAbort = () => done();
      signal.addEventListener('abort', onAbort, { once: true });
      this.wake = done;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve();
      }
    });
    this.wake = undefined;
  }
}
