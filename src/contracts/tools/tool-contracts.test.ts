import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractViolationError } from '../common/contract-violation.ts';
import {
  exampleConfirmationMessage,
  exampleOrderDraft,
  examplePrinterTicket,
  exampleToolCalls,
} from '../testing/tool-examples.ts';
import { parseToolInput, parseToolOutput, toolContracts } from './registry.ts';
import { ToolName } from './tool-contract.ts';

type Path = readonly PropertyKey[];

/** The paths of every issue `parseToolInput` reports; fails the test if the input is accepted. */
function inputIssuePaths(name: ToolName, input: unknown): Path[] {
  try {
    parseToolInput(name, input);
  } catch (error) {
    assert.ok(error instanceof ContractViolationError, 'expected a ContractViolationError');
    assert.equal(error.contract, `tool ${name} input`);
    return error.issues.map((issue) => issue.path);
  }
  assert.fail(`tool ${name} accepted malformed input ${JSON.stringify(input)}`);
}

void describe('tool contracts v1', () => {
  void it('registers the five §6.3 tools, each versioned v1 and described', () => {
    assert.deepEqual(Object.keys(toolContracts).sort(), [...ToolName.options].sort());
    for (const name of ToolName.options) {
      const contract = toolContracts[name];
      assert.equal(contract.name, name);
      assert.equal(contract.version, 'v1');
      assert.ok(contract.description.length > 20);
    }
  });

  void it('accepts the example input and output of every tool', () => {
    const calls = exampleToolCalls();
    for (const name of ToolName.options) {
      parseToolInput(name, calls[name].input);
      parseToolOutput(name, calls[name].output);
    }
  });

  void it('takes no arguments for get_menu and get_kitchen_status', () => {
    assert.deepEqual(inputIssuePaths('get_menu', { tenant_id: 'other-tenant' }), [[]]);
    assert.deepEqual(inputIssuePaths('get_kitchen_status', null), [[]]);
  });

  void describe('create_pos_order', () => {
    void it('reports a missing customer phone at ["customer", "phone"]', () => {
      const draft = exampleOrderDraft();
      const { phone: _phone, ...customer } = draft.customer;
      assert.deepEqual(inputIssuePaths('create_pos_order', { ...draft, customer }), [
        ['customer', 'phone'],
      ]);
    });

    void it('rejects a phone that is not E.164', () => {
      const draft = exampleOrderDraft();
      draft.customer.phone = '+31 6 1234 5678';
      assert.deepEqual(inputIssuePaths('create_pos_order', draft), [['customer', 'phone']]);
    });

    void it('reports unknown keys, also nested ones, where they are', () => {
      const draft = { ...exampleOrderDraft(), discount: 5 };
      assert.deepEqual(inputIssuePaths('create_pos_order', draft), [[]]);
      const nested = exampleOrderDraft();
      Object.assign(nested.lines[0]!, { price: 14.5 });
      assert.deepEqual(inputIssuePaths('create_pos_order', nested), [['lines', 0]]);
    });

    void it('requires an address for delivery and refuses one for pickup', () => {
      const delivery = { ...exampleOrderDraft(), fulfilment: { type: 'delivery' } };
      assert.deepEqual(inputIssuePaths('create_pos_order', delivery), [['fulfilment', 'address']]);
      const draft = exampleOrderDraft();
      const pickup = {
        ...draft,
        fulfilment: { type: 'pickup', address: { street: 'x', postcode: '1', city: 'y' } },
        totals: { subtotal_minor: 3500, delivery_fee_minor: 0, total_minor: 3500 },
      };
      assert.deepEqual(inputIssuePaths('create_pos_order', pickup), [['fulfilment']]);
    });

    void it('rejects money that is not integer minor units', () => {
      const draft = exampleOrderDraft();
      draft.totals.delivery_fee_minor = 2.5;
      assert.deepEqual(inputIssuePaths('create_pos_order', draft), [
        ['totals', 'delivery_fee_minor'],
      ]);
    });

    void it('checks that line and order totals add up', () => {
      const draft = exampleOrderDraft();
      draft.lines[0]!.line_total_minor = 3100;
      assert.deepEqual(inputIssuePaths('create_pos_order', draft), [
        ['lines', 0, 'line_total_minor'],
        ['totals', 'subtotal_minor'],
      ]);
      const surcharge = exampleOrderDraft();
      surcharge.lines[0]!.modifiers[1]!.price_minor = 200;
      assert.deepEqual(inputIssuePaths('create_pos_order', surcharge), [
        ['lines', 0, 'unit_price_minor'],
      ]);
      const total = exampleOrderDraft();
      total.totals.total_minor = 3500;
      assert.deepEqual(inputIssuePaths('create_pos_order', total), [['totals', 'total_minor']]);
      const pickupFee = { ...exampleOrderDraft(), fulfilment: { type: 'pickup' } };
      assert.deepEqual(inputIssuePaths('create_pos_order', pickupFee), [
        ['totals', 'delivery_fee_minor'],
      ]);
    });

    void it('rejects an empty order, a zero quantity and a local time without offset', () => {
      assert.deepEqual(inputIssuePaths('create_pos_order', { ...exampleOrderDraft(), lines: [] }), [
        ['lines'],
      ]);
      const zero = exampleOrderDraft();
      zero.lines[1]!.quantity = 0;
      // Only the root cause: the line total that no longer adds up is not reported on top.
      assert.deepEqual(inputIssuePaths('create_pos_order', zero), [['lines', 1, 'quantity']]);
      const local = { ...exampleOrderDraft(), requested_time: '2025-05-02T19:30:00' };
      assert.deepEqual(inputIssuePaths('create_pos_order', local), [['requested_time']]);
    });

    void it('puts every field path in the error message as a JSON path', () => {
      const draft = exampleOrderDraft();
      draft.customer.phone = '0612345678';
      assert.throws(() => parseToolInput('create_pos_order', draft), /\$\.customer\.phone: /);
    });
  });

  void describe('dispatch_printer_ticket', () => {
    void it('distinguishes removals and rejects unknown modifier actions', () => {
      const ticket = examplePrinterTicket();
      assert.equal(ticket.lines[0]!.modifiers[0]!.action, 'remove');
      Object.assign(ticket.lines[0]!.modifiers[0]!, { action: 'without' });
      assert.deepEqual(inputIssuePaths('dispatch_printer_ticket', ticket), [
        ['lines', 0, 'modifiers', 0, 'action'],
      ]);
    });

    void it('requires a job id that is a UUID and a caller name', () => {
      const { customer_name: _name, ...ticket } = { ...examplePrinterTicket(), job_id: '42' };
      assert.deepEqual(inputIssuePaths('dispatch_printer_ticket', ticket), [
        ['job_id'],
        ['customer_name'],
      ]);
    });

    void it('checks the result: a failure carries its error', () => {
      assert.throws(
        () =>
          parseToolOutput('dispatch_printer_ticket', {
            status: 'failed',
            job_id: examplePrinterTicket().job_id,
            device_id: null,
          }),
        (error: unknown) =>
          error instanceof ContractViolationError &&
          error.issues.some((issue) => issue.path.join('.') === 'error'),
      );
    });
  });

  void describe('send_confirmation_message', () => {
    void it('rejects another channel, a blank body and a missing recipient', () => {
      const { to: _to, ...message } = {
        ...exampleConfirmationMessage(),
        channel: 'whatsapp',
        body: '   ',
      };
      assert.deepEqual(inputIssuePaths('send_confirmation_message', message), [
        ['to'],
        ['channel'],
        ['body'],
      ]);
    });
  });

  void it('validates outputs after execution too: a POS answer without its id is refused', () => {
    assert.throws(
      () =>
        parseToolOutput('create_pos_order', {
          status: 'accepted',
          order_reference: 'A-1042',
          estimated_ready_at: null,
        }),
      (error: unknown) =>
        error instanceof ContractViolationError &&
        error.contract === 'tool create_pos_order output' &&
        error.issues.some((issue) => issue.path.join('.') === 'pos_order_id'),
    );
  });
});
