import type { ToolInput } from '../../contracts/tools/registry.ts';
import type { Database, TenantTx } from '../../platform/db/database.ts';
import { UnavailableError } from '../../platform/errors.ts';
import type { TargetCallContext } from './action-target.ts';
import { ActionTargetBase } from './target-base.ts';

interface PrintJobRow {
  id: string;
  device_id: string | null;
  printer_id: string | null;
  status: string;
  printed_at: Date | null;
  last_error: string | null;
}

export interface EdgePrintQueueOptions {
  /** The printer a ticket goes to when the location has several; the edge agent maps it. */
  printerId?: string;
}

/**
 * Hands a kitchen ticket to the edge plane: a `print_jobs` row (status `queued`) addressed to
 * the location's enrolled edge device, which the edge agent picks up. Idempotent by the
 * ticket's `job_id` (the row's id). No enrolled device is a retryable failure: the ticket waits
 * for one rather than being dropped.
 */
export class EdgePrintQueueTarget extends ActionTargetBase<'dispatch_printer_ticket'> {
  readonly actionType = 'dispatch_printer_ticket';
  readonly name = 'edge-print-queue';
  private readonly printerId: string;

  constructor(
    private readonly db: Database,
    options: EdgePrintQueueOptions = {},
  ) {
    super();
    this.printerId = options.printerId ?? 'kitchen';
  }

  protected send(
    ticket: ToolInput<'dispatch_printer_ticket'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    return this.db.withTenant(
      context.tenantId,
      async (tx) => {
        const existing = await findJob(tx, ticket.job_id);
        if (existing) return answerOf(existing);
        const device = await tx.query<{ id: string }>(
          `select id::text from edge_devices where location_id = $1 and status = 'enrolled'
           order by last_seen_at desc nulls last limit 1`,
          [ticket.location_id],
        );
        const deviceId = device.rows[0]?.id;
        if (deviceId === undefined) {
          throw new UnavailableError('no enrolled edge device at this location', {
            details: { target: this.name },
          });
        }
        // action_id only when the action exists (the conformance suite calls without one).
        await tx.query(
          `insert into print_jobs (tenant_id, id, location_id, device_id, action_id, order_ref, printer_id, ticket)
           values ($1, $2, $3, $4, (select id from actions where id = $5::uuid), $6, $7, $8)
           on conflict (tenant_id, id) do nothing`,
          [
            context.tenantId,
            ticket.job_id,
            ticket.location_id,
            deviceId,
            context.actionId,
            ticket.order_reference,
            this.printerId,
            JSON.stringify(ticket),
          ],
        );
        const job = await findJob(tx, ticket.job_id);
        return job && answerOf(job);
      },
      { signal: context.signal },
    );
  }

  protected lookup(
    ticket: ToolInput<'dispatch_printer_ticket'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    return this.db.withTenant(
      context.tenantId,
      async (tx) => {
        const job = await findJob(tx, ticket.job_id);
        return job && answerOf(job);
      },
      { signal: context.signal },
    );
  }
}

async function findJob(tx: TenantTx, jobId: string): Promise<PrintJobRow | undefined> {
  const found = await tx.query<PrintJobRow>(
    `select id::text, device_id::text, printer_id, status, printed_at, last_error
     from print_jobs where id = $1`,
    [jobId],
  );
  return found.rows[0];
}

function answerOf(job: PrintJobRow): unknown {
  if (job.status === 'failed' || job.status === 'canceled') {
    return {
      status: 'failed',
      job_id: job.id,
      device_id: job.device_id,
      error: { code: `print_${job.status}`, message: job.last_error ?? `print job ${job.status}` },
    };
  }
  const base = { job_id: job.id, device_id: job.device_id, printer_id: job.printer_id };
  return job.status === 'printed' && job.printed_at
    ? { status: 'printed', ...base, printed_at: job.printed_at.toISOString() }
    : { status: 'queued', ...base };
}
