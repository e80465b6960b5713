/** Valid example events of every v1 type, for tests across planes and for documentation. */
import type { EventOf } from '../events/domain-event.ts';
import type { EventType } from '../events/event-type.ts';
import { exampleKitchenStatus } from './tool-examples.ts';
import { exampleIds, exampleUuid } from './ids.ts';

type ExamplePayloads = { [Type in EventType]: EventOf<Type>['payload'] };

function examplePayloads(): ExamplePayloads {
  const order = { order_reference: 'A-1042', location_id: exampleIds.location };
  return {
    OrderDrafted: {
      ...order,
      action_id: exampleIds.action,
      currency: 'EUR',
      line_count: 2,
      total_minor: 3750,
      fulfilment: 'delivery',
      requested_time: 'asap',
    },
    OrderCreated: {
      ...order,
      action_id: exampleIds.action,
      pos_order_id: 'pos-88121',
      estimated_ready_at: '2025-05-02T18:35:00Z',
    },
    OrderWritebackFailed: {
      ...order,
      action_id: exampleIds.action,
      attempt: 1,
      kind: 'timeout',
      error: { code: 'pos_timeout', message: 'no answer within 8000 ms', retryable: true },
      will_retry: true,
    },
    PrinterTicketDispatched: {
      ...order,
      job_id: exampleIds.job,
      action_id: exampleIds.action,
      device_id: exampleIds.device,
      printer_id: 'kitchen-1',
    },
    PrinterTicketFailed: {
      ...order,
      job_id: exampleIds.job,
      action_id: exampleIds.action,
      device_id: null,
      printer_id: null,
      attempt: 3,
      error: { code: 'edge_offline', message: 'no edge device connected', retryable: true },
      will_retry: false,
    },
    OverflowToggled: {
      location_id: exampleIds.location,
      enabled: true,
      source: 'operator',
      actor_id: 'operator:42',
      reason: null,
    },
    HumanEscalated: {
      mode: 'warm',
      reason: 'caller_request',
      summary: 'Caller wants to order for a party of 40 and asked for the manager.',
      callback_at: null,
    },
    MenuUpdated: {
      location_id: exampleIds.location,
      revision: 4,
      item_count: 31,
      source: 'import',
    },
    KitchenStatusUpdated: exampleKitchenStatus(),
    VendorRouted: {
      locale: 'en-US',
      asr: { provider: 'pocketsphinx', model: 'hub4wsj_sc_8k' },
      llm: { provider: 'rules', model: 'menu-grammar-1' },
      tts: { provider: 'espeak-ng', model: 'espeak-ng', voice: 'en-us' },
      policy_id: null,
    },
    VendorFailover: {
      stage: 'asr',
      from: { provider: 'deepgram', model: 'nova-3' },
      to: { provider: 'pocketsphinx', model: 'hub4wsj_sc_8k' },
      reason: 'first_token_timeout',
      error: null,
      turn: 2,
      elapsed_ms: 21_480,
    },
    SessionCompleted: {
      outcome: 'order_created',
      turns: 7,
      repairs: 1,
      duration_ms: 94_500,
      order_reference: 'A-1042',
    },
    ActionStateChanged: {
      action_id: exampleIds.action,
      action_type: 'create_pos_order',
      from: 'DISPATCHED',
      event: 'fail',
      to: 'FAILED',
      actor: 'system',
      reason: 'pos_timeout',
      attempt: 1,
    },
  };
}

/** A valid example event of `type`; `n` varies its id. */
export function exampleEvent<Type extends EventType>(type: Type, n = 0): EventOf<Type> {
  return {
    id: exampleUuid(0x1000 + n),
    type,
    version: 1,
    tenant_id: exampleIds.tenant,
    session_id: exampleIds.session,
    correlation_id: exampleIds.correlation,
    causation_id: null,
    occurred_at: '2025-05-02T18:04:06.123Z',
    payload: examplePayloads()[type],
  } as EventOf<Type>;
}
