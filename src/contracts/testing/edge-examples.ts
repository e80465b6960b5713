/** Valid example messages of edge protocol v1, for tests of the agent and the platform side. */
import type { EdgeMessageOf, EdgeMessageType } from '../edge/edge-message.ts';
import { exampleIds, exampleUuid } from './ids.ts';
import { examplePrinterTicket } from './tool-examples.ts';

type ExampleMessages = { [Type in EdgeMessageType]: EdgeMessageOf<Type> };

function exampleMessages(id: string): ExampleMessages {
  const head = { v: 1 as const, id };
  const printers = [{ printer_id: 'kitchen-1', state: 'online' as const }];
  return {
    hello: {
      ...head,
      type: 'hello',
      agent_version: '1.0.0',
      device_id: exampleIds.device,
      protocol_versions: [1],
      queue_depth: 0,
      printers,
    },
    hello_ack: {
      ...head,
      type: 'hello_ack',
      in_reply_to: exampleIds.message,
      protocol_version: 1,
      location_id: exampleIds.location,
      heartbeat_interval_ms: 15_000,
      server_time: '2025-05-02T18:00:00Z',
    },
    heartbeat: {
      ...head,
      type: 'heartbeat',
      agent_version: '1.0.0',
      queue_depth: 2,
      printers,
    },
    job_offer: {
      ...head,
      type: 'job_offer',
      job_id: exampleIds.job,
      printer_id: 'kitchen-1',
      ticket: examplePrinterTicket(),
    },
    job_ack: {
      ...head,
      type: 'job_ack',
      job_id: exampleIds.job,
      result: 'accepted',
    },
    job_status: {
      ...head,
      type: 'job_status',
      job_id: exampleIds.job,
      status: 'printed',
      attempts: 1,
    },
    cancel: {
      ...head,
      type: 'cancel',
      job_id: exampleIds.job,
      reason: 'order canceled by operator',
    },
    reconcile_request: {
      ...head,
      type: 'reconcile_request',
      jobs: [{ job_id: exampleIds.job, status: 'queued' }],
    },
    reconcile_result: {
      ...head,
      type: 'reconcile_result',
      in_reply_to: exampleIds.message,
      jobs: [{ job_id: exampleIds.job, resolution: 'keep' }],
    },
    error: {
      ...head,
      type: 'error',
      code: 'invalid_message',
      message: 'job_ack for an unknown job',
      in_reply_to: null,
    },
  };
}

/** A valid example message of `type`; `n` varies its message id. */
export function exampleEdgeMessage<Type extends EdgeMessageType>(
  type: Type,
  n = 0,
): EdgeMessageOf<Type> {
  return exampleMessages(exampleUuid(0x2000 + n))[type];
}
