import type { EdgeJobStatus, ReconcileResolution } from '../../contracts/edge/index.ts';
import type { ErrorDetail } from '../../contracts/common/error-detail.ts';
import type { PrinterTicket } from '../../contracts/tools/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { AuthenticatedDevice } from './device-directory.ts';

/** Server statuses after which nothing the agent says changes the job (but a late print). */
const finalServerStatuses = ['printed', 'failed', 'canceled', 'printed_after_cancel'];

export interface JobToOffer {
  jobId: string;
  printerId: string;
  ticket: PrinterTicket;
}

/**
 * `print_jobs` as one device sees them: every query runs in `withTenant(device.tenantId)` and
 * filters on the device's location, so a device can neither read nor touch another location's
 * (or tenant's) jobs, whatever job id it sends.
 */
export class PrintJobStore {
  constructor(
    private readonly db: Database,
    private readonly device: AuthenticatedDevice,
    private readonly defaultPrinterId = 'kitchen-1',
  ) {}

  private run<T>(work: Parameters<Database['withTenant']>[1], signal?: AbortSignal): Promise<T> {
    return this.db.withTenant(this.device.tenantId, work, signal ? { signal } : {}) as Promise<T>;
  }

  /**
   * Claims up to `limit` jobs to offer: queued ones, plus (`includeOffered`, after a reconnect)
   * ones offered earlier whose ack never came. Canceled ones are never offered.
   */
  async claimOffers(
    limit: number,
    includeOffered: boolean,
    signal?: AbortSignal,
  ): Promise<JobToOffer[]> {
    const statuses = includeOffered ? ['queued', 'offered'] : ['queued'];
    const result = await this.run<{
      rows: { id: string; printer_id: string | null; ticket: PrinterTicket }[];
    }>(
      (tx) =>
        tx.query(
          `update print_jobs set status = 'offered', device_id = $3, updated_at = now()
           where tenant_id = $1 and id in (
             select id from print_jobs where tenant_id = $1 and location_id = $2
               and status = any($4) and cancel_requested_at is null
             order by created_at, id limit $5 for update skip locked)
           returning id, printer_id, ticket`,
          [this.device.tenantId, this.device.locationId, this.device.deviceId, statuses, limit],
        ),
      signal,
    );
    return result.rows.map((row) => ({
      jobId: row.id,
      printerId: row.printer_id ?? this.defaultPrinterId,
      ticket: row.ticket,
    }));
  }

  /** Jobs of this location canceled on the server that the agent may hold. */
  async pendingCancels(signal?: AbortSignal): Promise<string[]> {
    const result = await this.run<{ rows: { id: string }[] }>(
      (tx) =>
        tx.query(
          `select id from print_jobs where tenant_id = $1 and location_id = $2
             and cancel_requested_at is not null and status in ('offered', 'accepted', 'printing')
           order by created_at limit 500`,
          [this.device.tenantId, this.device.locationId],
        ),
      signal,
    );
    return result.rows.map((row) => row.id);
  }

  /** Records a job_ack; false when the job is not one of this location's offered jobs. */
  async recordAck(
    jobId: string,
    result: 'accepted' | 'duplicate' | 'rejected',
    reason: string | undefined,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const updated = await this.run<{ rowCount: number | null }>(
      (tx) =>
        tx.query(
          `update print_jobs set
             status = case when $5::text = 'rejected' then 'queued'
                           when status in ('queued', 'offered') then 'accepted' else status end,
             last_error = case when $5::text = 'rejected' then $4::text else last_error end,
             updated_at = now()
           where tenant_id = $1 and location_id = $2 and id = $3 and device_id = $6`,
          [
            this.device.tenantId,
            this.device.locationId,
            jobId,
            reason ?? null,
            result,
            this.device.deviceId,
          ],
        ),
      signal,
    );
    return updated.rowCount === 1;
  }

  /** Records a job_status; false when the job is not this location's. */
  async recordStatus(
    jobId: string,
    status: EdgeJobStatus,
    attempts: number,
    error: ErrorDetail | undefined,
    signal?: AbortSignal,
  ): Promise<boolean> {
    // The agent reports a job the server canceled as failed with code `canceled`.
    const serverStatus = status === 'failed' && error?.code === 'canceled' ? 'canceled' : status;
    const updated = await this.run<{ rowCount: number | null }>(
      (tx) =>
        tx.query(
          `update print_jobs set
             status = case
               when status = any($7) and not ($4::text = 'printed_after_cancel' and status = 'printed') then status
               when $4::text = 'queued' then 'accepted'
               -- Printed by an agent that had not heard of the cancel yet (e.g. offline).
               when $4::text = 'printed' and cancel_requested_at is not null then 'printed_after_cancel'
               -- Not printed and canceled on the server: canceled, also when it arrives through
               -- reconcile, which reports a local cancel as a bare failed.
               when $4::text = 'failed' and cancel_requested_at is not null then 'canceled'
               else $4::text end,
             attempts = greatest(attempts, $5),
             last_error = coalesce($6::text, last_error),
             printed_at = case when $4::text in ('printed', 'printed_after_cancel') then coalesce(printed_at, now()) else printed_at end,
             updated_at = now()
           where tenant_id = $1 and location_id = $2 and id = $3 and device_id = $8`,
          [
            this.device.tenantId,
            this.device.locationId,
            jobId,
            serverStatus,
            attempts,
            error ? `${error.code}: ${error.message}` : null,
            finalServerStatuses,
            this.device.deviceId,
          ],
        ),
      signal,
    );
    return updated.rowCount === 1;
  }

  /**
   * Reconciles the agent's list after a reconnect. Final statuses are recorded (`forget`);
   * jobs canceled on the server are canceled (`cancel`); jobs unknown to this location are
   * dropped unprinted (`cancel`). Offered jobs the agent does not have go back to `queued`.
   */
  async reconcile(
    jobs: readonly { job_id: string; status: EdgeJobStatus }[],
    signal?: AbortSignal,
  ): Promise<{ job_id: string; resolution: ReconcileResolution }[]> {
    return this.run(async (tx) => {
      const ids = jobs.map((job) => job.job_id);
      const known = await tx.query<{
        id: string;
        status: string;
        cancel_requested_at: Date | null;
      }>(
        `select id, status, cancel_requested_at from print_jobs
         where tenant_id = $1 and location_id = $2 and id = any($3::uuid[])`,
        [this.device.tenantId, this.device.locationId, ids],
      );
      const byId = new Map(known.rows.map((row) => [row.id, row]));
      const resolutions: { job_id: string; resolution: ReconcileResolution }[] = [];
      for (const job of jobs) {
        const row = byId.get(job.job_id);
        if (row === undefined) {
          resolutions.push({ job_id: job.job_id, resolution: 'cancel' });
          continue;
        }
        const agentFinal = job.status !== 'queued' && job.status !== 'printing';
        if (agentFinal) {
          resolutions.push({ job_id: job.job_id, resolution: 'forget' });
        } else if (row.cancel_requested_at !== null) {
          resolutions.push({ job_id: job.job_id, resolution: 'cancel' });
        } else {
          resolutions.push({ job_id: job.job_id, resolution: 'keep' });
        }
      }
      // Offered or accepted here but absent there: the offer never landed. Offer it again,
      // or, if it was canceled meanwhile, it is canceled and was never printed.
      await tx.query(
        `update print_jobs set status = case when cancel_requested_at is null then 'queued' else 'canceled' end,
           updated_at = now()
         where tenant_id = $1 and location_id = $2 and status in ('offered', 'accepted', 'printing')
           and not (id = any($3::uuid[]))`,
        [this.device.tenantId, this.device.locationId, ids],
      );
      return resolutions;
    }, signal);
  }
}

/**
 * Cancels a print job on the server (the server is authoritative). A job not yet offered is
 * canceled at once; otherwise the link server sends `cancel` and the agent reports the outcome
 * (`canceled`, or `printed_after_cancel` when the kitchen already has it).
 */
export async function cancelPrintJob(
  db: Database,
  input: { tenantId: string; jobId: string; signal?: AbortSignal },
): Promise<'canceled' | 'cancel_requested' | 'already_final' | 'not_found'> {
  return db.withTenant(
    input.tenantId,
    async (tx) => {
      const result = await tx.query<{ status: string }>(
        `update print_jobs set cancel_requested_at = coalesce(cancel_requested_at, now()),
           status = case when status = 'queued' then 'canceled' else status end, updated_at = now()
         where tenant_id = $1 and id = $2 returning status`,
        [input.tenantId, input.jobId],
      );
      const status = result.rows[0]?.status;
      if (status === undefined) return 'not_found';
      if (status === 'canceled') return 'canceled';
      return finalServerStatuses.includes(status) ? 'already_final' : 'cancel_requested';
    },
    input.signal ? { signal: input.signal } : {},
  );
}
