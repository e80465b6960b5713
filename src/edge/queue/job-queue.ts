import Database from 'better-sqlite3';
import type { EdgeJobStatus } from '../../contracts/edge/index.ts';
import type { ErrorDetail } from '../../contracts/common/error-detail.ts';
import type { PrinterTicket } from '../../contracts/tools/index.ts';

/**
 * Where a job stands in the local store. `canceled` is local only: the server canceled it
 * before it printed; it is reported as `failed` with error code `canceled`.
 */
export type LocalJobStatus = EdgeJobStatus | 'canceled';

export interface LocalJob {
  jobId: string;
  printerId: string;
  /** Undefined once the platform has settled the job (a dedup tombstone). */
  ticket: PrinterTicket | undefined;
  status: LocalJobStatus;
  attempts: number;
  /** An earlier try sent ticket bytes without confirmation: print with a reprint banner. */
  bytesSent: boolean;
  cancelRequested: boolean;
  error: ErrorDetail | undefined;
  /** The last status sent to the platform, if any. */
  reportedStatus: LocalJobStatus | undefined;
}

export type OfferResult =
  { result: 'accepted' } | { result: 'duplicate' } | { result: 'rejected'; reason: string };

export type CancelResult =
  /** Not printed and never will be. */
  | 'canceled'
  /** Printed before the cancel arrived: the kitchen has the ticket. */
  | 'printed_after_cancel'
  /** Printing right now: the outcome is decided when the try ends. */
  | 'cancel_pending'
  /** Already failed or canceled: nothing to do. */
  | 'already_final'
  | 'unknown_job';

export interface JobQueueOptions {
  /** Jobs waiting or printing before new offers are refused (backpressure). @default 500 */
  maxPendingJobs?: number;
}

const finalStatuses: readonly LocalJobStatus[] = [
  'printed',
  'failed',
  'printed_after_cancel',
  'canceled',
];

interface JobRow {
  job_id: string;
  printer_id: string;
  ticket: string;
  status: LocalJobStatus;
  attempts: number;
  bytes_sent: number;
  cancel_requested: number;
  error_code: string | null;
  error_message: string | null;
  reported_status: LocalJobStatus | null;
}

/**
 * The agent's durable print queue in SQLite (WAL, synchronous=FULL): every write is on disk
 * before the call returns, so an offer is acknowledged only once it would survive kill -9 or
 * a power cut. `job_id` is the primary key: a replayed offer is a duplicate, never a second
 * print. Rows the platform has settled are kept as tombstones so dedup outlives them.
 */
export class JobQueue {
  private readonly db: Database.Database;
  private readonly maxPendingJobs: number;

  constructor(file: string, options: JobQueueOptions = {}) {
    this.maxPendingJobs = options.maxPendingJobs ?? 500;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      create table if not exists jobs (
        job_id           text primary key,
        printer_id       text not null,
        ticket           text not null,
        status           text not null check (status in
                           ('queued','printing','printed','failed','printed_after_cancel','canceled')),
        attempts         integer not null default 0,
        bytes_sent       integer not null default 0,
        cancel_requested integer not null default 0,
        error_code       text,
        error_message    text,
        reported_status  text,
        forgotten        integer not null default 0,
        seq              integer not null,
        updated_at_ms    integer not null
      );
      create index if not exists jobs_pending on jobs (status, seq) where forgotten = 0;
    `);
  }

  close(): void {
    this.db.close();
  }

  /** Stores an offered job (write-ahead: call before acknowledging it). */
  offer(jobId: string, printerId: string, ticket: PrinterTicket): OfferResult {
    return this.db
      .transaction((): OfferResult => {
        const existing = this.db.prepare('select 1 from jobs where job_id = ?').get(jobId);
        if (existing !== undefined) return { result: 'duplicate' };
        const pending = this.pendingCount();
        if (pending >= this.maxPendingJobs) {
          return {
            result: 'rejected',
            reason: `queue full: ${pending} jobs waiting, limit ${this.maxPendingJobs}; offer again later`,
          };
        }
        const seq = (
          this.db.prepare('select coalesce(max(seq), 0) + 1 as seq from jobs').get() as {
            seq: number;
          }
        ).seq;
        this.db
          .prepare(
            `insert into jobs (job_id, printer_id, ticket, status, seq, updated_at_ms)
           values (?, ?, ?, 'queued', ?, ?)`,
          )
          .run(jobId, printerId, JSON.stringify(ticket), seq, Date.now());
        return { result: 'accepted' };
      })
      .immediate();
  }

  /** Jobs queued or printing: the backpressure measure and the heartbeat's `queue_depth`. */
  pendingCount(): number {
    const row = this.db
      .prepare(
        `select count(*) as n from jobs where status in ('queued','printing') and forgotten = 0`,
      )
      .get() as { n: number };
    return row.n;
  }

  /** The oldest queued job, or undefined. */
  nextQueued(): LocalJob | undefined {
    const row = this.db
      .prepare(`select * from jobs where status = 'queued' and forgotten = 0 order by seq limit 1`)
      .get() as JobRow | undefined;
    return row && toJob(row);
  }

  get(jobId: string): LocalJob | undefined {
    const row = this.db.prepare('select * from jobs where job_id = ?').get(jobId) as
      JobRow | undefined;
    return row && toJob(row);
  }

  /** Claims a queued job for printing; false when it is no longer queued (canceled). */
  startPrinting(jobId: string): boolean {
    return this.update(`status = 'printing'`, `job_id = ? and status = 'queued'`, jobId) === 1;
  }

  /** A try is about to send ticket bytes: persisted first, so a crash after it is known. */
  recordAttempt(jobId: string, attempts: number): void {
    this.update(`attempts = ${Math.trunc(attempts)}, bytes_sent = 1`, `job_id = ?`, jobId);
  }

  /** The printer was not ready; the job waits in the queue without losing its place. */
  requeue(jobId: string, error: ErrorDetail): void {
    this.db
      .prepare(
        `update jobs set status = case when cancel_requested = 1 then 'canceled' else 'queued' end,
           error_code = ?, error_message = ?, updated_at_ms = ?
         where job_id = ? and status = 'printing'`,
      )
      .run(error.code, error.message, Date.now(), jobId);
  }

  /** Printed; `printed_after_cancel` when a cancel arrived while it printed. */
  markPrinted(jobId: string): LocalJobStatus {
    return this.db
      .transaction(() => {
        const job = this.get(jobId);
        const status: LocalJobStatus = job?.cancelRequested ? 'printed_after_cancel' : 'printed';
        this.update(
          `status = '${status}', error_code = null, error_message = null`,
          `job_id = ?`,
          jobId,
        );
        return status;
      })
      .immediate();
  }

  /** Failed after every allowed try; a job canceled meanwhile ends canceled instead. */
  markFailed(jobId: string, error: ErrorDetail): LocalJobStatus {
    return this.db
      .transaction(() => {
        const job = this.get(jobId);
        const status: LocalJobStatus = job?.cancelRequested ? 'canceled' : 'failed';
        this.db
          .prepare(
            `update jobs set status = ?, error_code = ?, error_message = ?, updated_at_ms = ? where job_id = ?`,
          )
          .run(status, error.code, error.message, Date.now(), jobId);
        return status;
      })
      .immediate();
  }

  /** The server canceled the job. The server is authoritative; a printed ticket is reported. */
  cancel(jobId: string): CancelResult {
    return this.db
      .transaction((): CancelResult => {
        const job = this.get(jobId);
        if (job === undefined) return 'unknown_job';
        if (job.status === 'queued') {
          this.update(`status = 'canceled', cancel_requested = 1`, `job_id = ?`, jobId);
          return 'canceled';
        }
        if (job.status === 'printing') {
          this.update(`cancel_requested = 1`, `job_id = ?`, jobId);
          return 'cancel_pending';
        }
        if (job.status === 'printed' || job.status === 'printed_after_cancel') {
          this.update(`status = 'printed_after_cancel', cancel_requested = 1`, `job_id = ?`, jobId);
          return 'printed_after_cancel';
        }
        return 'already_final';
      })
      .immediate();
  }

  isCancelRequested(jobId: string): boolean {
    return this.get(jobId)?.cancelRequested ?? false;
  }

  /**
   * After a restart: a job caught in `printing` goes back to the queue. If it had sent bytes,
   * it keeps `bytes_sent` and prints again with a reprint banner (ADR 0009: a duplicate the
   * cook can spot beats a lost ticket). Returns how many were recovered.
   */
  recoverInterrupted(): number {
    return this.update(`status = 'queued'`, `status = 'printing'`);
  }

  /** Every job the platform has not settled, for `reconcile_request`. */
  unsettled(limit = 10_000): { jobId: string; status: LocalJobStatus }[] {
    const rows = this.db
      .prepare(`select job_id, status from jobs where forgotten = 0 order by seq limit ?`)
      .all(limit) as { job_id: string; status: LocalJobStatus }[];
    return rows.map((row) => ({ jobId: row.job_id, status: row.status }));
  }

  /** Jobs whose current status the platform has not been sent yet. */
  unreported(limit = 100): LocalJob[] {
    const rows = this.db
      .prepare(
        `select * from jobs where forgotten = 0 and (reported_status is null or reported_status <> status)
           and status <> 'queued' order by seq limit ?`,
      )
      .all(limit) as JobRow[];
    return rows.map(toJob);
  }

  markReported(jobId: string, status: LocalJobStatus): void {
    this.db.prepare('update jobs set reported_status = ? where job_id = ?').run(status, jobId);
  }

  /** The platform holds the final status: keep only a tombstone for deduplication. */
  forget(jobId: string): void {
    this.db
      .prepare(
        `update jobs set forgotten = 1, ticket = '{}' where job_id = ? and status not in ('queued','printing')`,
      )
      .run(jobId);
  }

  /** Jobs per status, tombstones included: for tests, the CLI and the heartbeat. */
  countsByStatus(): Record<string, number> {
    const rows = this.db
      .prepare('select status, count(*) as n from jobs group by status')
      .all() as {
      status: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  isFinal(status: LocalJobStatus): boolean {
    return finalStatuses.includes(status);
  }

  private update(set: string, where: string, ...values: unknown[]): number {
    return this.db
      .prepare(`update jobs set ${set}, updated_at_ms = ${Date.now()} where ${where}`)
      .run(...values).changes;
  }
}

function toJob(row: JobRow): LocalJob {
  return {
    jobId: row.job_id,
    printerId: row.printer_id,
    ticket: row.ticket === '{}' ? undefined : (JSON.parse(row.ticket) as PrinterTicket),
    status: row.status,
    attempts: row.attempts,
    bytesSent: row.bytes_sent === 1,
    cancelRequested: row.cancel_requested === 1,
    error:
      row.error_code === null
        ? undefined
        : { code: row.error_code, message: row.error_message ?? row.error_code },
    reportedStatus: row.reported_status ?? undefined,
  };
}
