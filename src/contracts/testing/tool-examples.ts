/**
 * Valid example values of every tool contract, for tests across planes (a fake POS, a fake
 * printer) and for documentation. Each call returns a fresh object a test may mutate.
 */
import type { z } from 'zod';
import type { Menu } from '../tools/menu.ts';
import type { ToolInput, ToolOutput } from '../tools/registry.ts';
import type { ToolName } from '../tools/tool-contract.ts';
import { exampleIds } from './ids.ts';

export function exampleOrderDraft(): ToolInput<'create_pos_order'> {
  return {
    tenant_id: exampleIds.tenant,
    location_id: exampleIds.location,
    session_id: exampleIds.session,
    order_reference: 'A-1042',
    idempotency_key: `order:${exampleIds.session}:1`,
    currency: 'EUR',
    lines: [
      {
        item: 'hawaiian',
        quantity: 2,
        size: 'large',
        name: 'Hawaiian',
        size_name: 'large',
        modifiers: [
          {
            group: 'toppings',
            option: 'pineapple',
            action: 'remove',
            name: 'pineapple',
            price_minor: 0,
          },
          {
            group: 'toppings',
            option: 'extra-cheese',
            action: 'add',
            qualifier: 'extra',
            name: 'extra cheese',
            price_minor: 150,
          },
        ],
        base_price_minor: 1450,
        unit_price_minor: 1600,
        line_total_minor: 3200,
      },
      {
        item: 'cola',
        quantity: 1,
        name: 'Cola',
        modifiers: [],
        base_price_minor: 300,
        unit_price_minor: 300,
        line_total_minor: 300,
      },
    ],
    fulfilment: {
      type: 'delivery',
      address: { street: 'Prinsengracht 263', postcode: '1016', city: 'Amsterdam' },
    },
    requested_time: 'asap',
    customer: { name: 'Anna de Vries', phone: '+31612345678' },
    totals: { subtotal_minor: 3500, delivery_fee_minor: 250, total_minor: 3750 },
    confirmed_at: '2025-05-02T18:04:05Z',
  };
}

export function examplePrinterTicket(): ToolInput<'dispatch_printer_ticket'> {
  return {
    job_id: exampleIds.job,
    tenant_id: exampleIds.tenant,
    location_id: exampleIds.location,
    order_reference: 'A-1042',
    restaurant_name: "Luigi's Pizzeria",
    locale: 'en-US',
    fulfilment: { type: 'pickup' },
    requested_time: '2025-05-02T19:30:00+02:00',
    ordered_at: '2025-05-02T18:04:05Z',
    customer_name: 'Anna de Vries',
    lines: [
      {
        quantity: 2,
        name: 'Hawaiian',
        size_name: 'large',
        modifiers: [
          { name: 'pineapple', action: 'remove' },
          { name: 'extra cheese', action: 'add', qualifier: 'extra' },
        ],
      },
    ],
    notes: 'ring the bell',
  };
}

export function exampleConfirmationMessage(): ToolInput<'send_confirmation_message'> {
  return {
    to: '+31612345678',
    channel: 'sms',
    body: "Luigi's Pizzeria: order A-1042 is confirmed, ready around 19:30.",
    locale: 'en-US',
    order_reference: 'A-1042',
    idempotency_key: `sms:${exampleIds.session}:1`,
  };
}

export function exampleKitchenStatus(): ToolOutput<'get_kitchen_status'> {
  return {
    location_id: exampleIds.location,
    state: 'accepting',
    pickup_wait_minutes: 20,
    delivery_wait_minutes: 45,
    unavailable_item_ids: ['tiramisu'],
    updated_at: '2025-05-02T18:00:00Z',
  };
}

export function exampleMenu(): z.input<typeof Menu> {
  return {
    location_id: exampleIds.location,
    revision: 3,
    updated_at: '2025-05-01T09:00:00Z',
    menu: {
      format: 'voxeron.menu/v1',
      name: "Luigi's Pizzeria",
      currency: 'EUR',
      locale: 'en-US',
      items: [{ id: 'margherita', name: 'Margherita', category: 'pizza', price: 9.5 }],
    },
  };
}

/** A valid input and output for every tool, keyed by tool name. */
export function exampleToolCalls(): { [Name in ToolName]: { input: unknown; output: unknown } } {
  return {
    get_menu: { input: {}, output: exampleMenu() },
    get_kitchen_status: { input: {}, output: exampleKitchenStatus() },
    create_pos_order: {
      input: exampleOrderDraft(),
      output: {
        status: 'accepted',
        order_reference: 'A-1042',
        pos_order_id: 'pos-88121',
        estimated_ready_at: '2025-05-02T18:35:00Z',
      },
    },
    dispatch_printer_ticket: {
      input: examplePrinterTicket(),
      output: {
        status: 'queued',
        job_id: exampleIds.job,
        device_id: exampleIds.device,
        printer_id: 'kitchen-1',
      },
    },
    send_confirmation_message: {
      input: exampleConfirmationMessage(),
      output: { status: 'queued', provider_message_id: 'SM0123456789abcdef' },
    },
  };
}
