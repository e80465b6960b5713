import { z } from 'zod';
import { ErrorDetail } from '../common/error-detail.ts';
import { SlugId, Uuid } from '../common/ids.ts';
import { nonBlankText } from '../common/text.ts';
import { IsoDateTime } from '../common/time.ts';
import { afterFieldsValid } from '../common/refine.ts';
import { PrinterTicket } from '../tools/printer-ticket.ts';
import { EdgeJobStatus } from './job-status.ts';
import { PrinterHealth } from './printer-state.ts';
import { EDGE_PROTOCOL_VERSION } from './protocol.ts';

/** Fields of every edge message: the protocol version and a message id unique per sender. */
const messageFields = {
  v: z.literal(EDGE_PROTOCOL_VERSION),
  id: Uuid,
};

const agentVersion = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.4.2');
const queueDepth = z.number().int().min(0).max(100_000);
const printers = z.array(PrinterHealth).max(32);
const reason = nonBlankText(500);

/** Agent → platform, first message on a connection: who it is and what it speaks. */
export const HelloMessage = z.strictObject({
  ...messageFields,
  type: z.literal('hello'),
  agent_version: agentVersion,
  /** Must match the device certificate's identity; the platform checks both. */
  device_id: Uuid,
  protocol_versions: z.array(z.number().int().min(1)).min(1).max(16),
  /** Jobs in the agent's local queue not yet printed. */
  queue_depth: queueDepth,
  printers,
});

/** Platform → agent, answer to `hello`: the version both will speak and the cadence. */
export const HelloAckMessage = z.strictObject({
  ...messageFields,
  type: z.literal('hello_ack'),
  in_reply_to: Uuid,
  protocol_version: z.literal(EDGE_PROTOCOL_VERSION),
  /** The location the device is enrolled for. */
  location_id: Uuid,
  heartbeat_interval_ms: z.number().int().min(1000).max(300_000),
  /** Lets the agent notice a skewed clock. */
  server_time: IsoDateTime,
});

/** Agent → platform, every `heartbeat_interval_ms`: liveness, version and printer health. */
export const HeartbeatMessage = z.strictObject({
  ...messageFields,
  type: z.literal('heartbeat'),
  agent_version: agentVersion,
  queue_depth: queueDepth,
  printers,
});

/** Platform → agent: print this ticket. Offered again on reconnect until acknowledged. */
export const JobOfferMessage = z
  .strictObject({
    ...messageFields,
    type: z.literal('job_offer'),
    job_id: Uuid,
    printer_id: SlugId,
    ticket: PrinterTicket,
  })
  .superRefine((message, ctx) => {
    if (message.ticket.job_id !== message.job_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['ticket', 'job_id'],
        message: "the ticket must carry the offer's job_id",
      });
    }
  }, afterFieldsValid);

/**
 * Agent → platform, answer to `job_offer`. `duplicate`: the agent already has this `job_id`
 * (deduplication) and will not print it twice; `rejected` comes with a `reason`.
 */
export const JobAckMessage = z
  .strictObject({
    ...messageFields,
    type: z.literal('job_ack'),
    job_id: Uuid,
    result: z.enum(['accepted', 'duplicate', 'rejected']),
    reason: reason.optional(),
  })
  .superRefine((message, ctx) => {
    if (message.result === 'rejected' && message.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
    }
  }, afterFieldsValid);

/** Agent → platform: a job changed status on the agent. `attempts` counts print tries. */
export const JobStatusMessage = z
  .strictObject({
    ...messageFields,
    type: z.literal('job_status'),
    job_id: Uuid,
    status: EdgeJobStatus,
    attempts: z.number().int().min(0).max(1000),
    error: ErrorDetail.optional(),
  })
  .superRefine((message, ctx) => {
    if (message.status === 'failed' && message.error === undefined) {
      ctx.addIssue({ code: 'custom', path: ['error'], message: 'a failed job reports its error' });
    }
  }, afterFieldsValid);

/** Platform → agent: do not print this job. The server is authoritative for cancellation. */
export const CancelMessage = z.strictObject({
  ...messageFields,
  type: z.literal('cancel'),
  job_id: Uuid,
  reason: reason.optional(),
});

/** Agent → platform after a reconnect: every job in the local queue and where it stands. */
export const ReconcileRequestMessage = z.strictObject({
  ...messageFields,
  type: z.literal('reconcile_request'),
  jobs: z.array(z.strictObject({ job_id: Uuid, status: EdgeJobStatus })).max(10_000),
});

/**
 * What the agent does with a job after reconciliation. `keep`: print it (or keep its result)
 * as planned; `cancel`: the server canceled it while the agent was offline; `forget`: the
 * server has the final status, the agent may drop it from its store.
 */
export const ReconcileResolution = z.enum(['keep', 'cancel', 'forget']);
export type ReconcileResolution = z.infer<typeof ReconcileResolution>;

/** Platform → agent, answer to `reconcile_request`: a resolution for every job it listed. */
export const ReconcileResultMessage = z.strictObject({
  ...messageFields,
  type: z.literal('reconcile_result'),
  in_reply_to: Uuid,
  jobs: z.array(z.strictObject({ job_id: Uuid, resolution: ReconcileResolution })).max(10_000),
});

/** Why a peer refused a message or is closing the connection. */
export const EdgeErrorCode = z.enum([
  'unsupported_version',
  'invalid_message',
  'frame_too_large',
  'unauthorized',
  'unknown_job',
  'internal',
]);
export type EdgeErrorCode = z.infer<typeof EdgeErrorCode>;

/** Either direction: a protocol error, in reply to a message when `in_reply_to` is set. */
export const ErrorMessage = z.strictObject({
  ...messageFields,
  type: z.literal('error'),
  code: EdgeErrorCode,
  message: nonBlankText(1000),
  in_reply_to: Uuid.nullable(),
});
