import { z } from 'zod';
import {
  CancelMessage,
  ErrorMessage,
  HeartbeatMessage,
  HelloAckMessage,
  HelloMessage,
  JobAckMessage,
  JobOfferMessage,
  JobStatusMessage,
  ReconcileRequestMessage,
  ReconcileResultMessage,
} from './messages.ts';

/** Every message of edge protocol v1, by its `type`. */
export const edgeMessageSchemas = {
  hello: HelloMessage,
  hello_ack: HelloAckMessage,
  heartbeat: HeartbeatMessage,
  job_offer: JobOfferMessage,
  job_ack: JobAckMessage,
  job_status: JobStatusMessage,
  cancel: CancelMessage,
  reconcile_request: ReconcileRequestMessage,
  reconcile_result: ReconcileResultMessage,
  error: ErrorMessage,
} as const;

/** A message type of edge protocol v1. */
export type EdgeMessageType = keyof typeof edgeMessageSchemas;

/** Any edge protocol v1 message, discriminated on `type`. */
export const EdgeMessage = z.discriminatedUnion('type', [
  HelloMessage,
  HelloAckMessage,
  HeartbeatMessage,
  JobOfferMessage,
  JobAckMessage,
  JobStatusMessage,
  CancelMessage,
  ReconcileRequestMessage,
  ReconcileResultMessage,
  ErrorMessage,
]);
export type EdgeMessage = z.infer<typeof EdgeMessage>;
/** The message of one type, e.g. `EdgeMessageOf<'job_offer'>`. */
export type EdgeMessageOf<Type extends EdgeMessageType> = Extract<EdgeMessage, { type: Type }>;

/** Which side sends each message; a peer receiving the other side's message type rejects it. */
export const edgeMessageSender = {
  hello: 'agent',
  hello_ack: 'platform',
  heartbeat: 'agent',
  job_offer: 'platform',
  job_ack: 'agent',
  job_status: 'agent',
  cancel: 'platform',
  reconcile_request: 'agent',
  reconcile_result: 'platform',
  error: 'either',
} as const satisfies Record<EdgeMessageType, 'agent' | 'platform' | 'either'>;
