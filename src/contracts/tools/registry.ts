import type { z } from 'zod';
import { parseContract } from '../common/contract-violation.ts';
import { ConfirmationMessage } from './confirmation-message.ts';
import { DispatchResult } from './dispatch-result.ts';
import { KitchenStatus } from './kitchen-status.ts';
import { Menu } from './menu.ts';
import { MessageResult } from './message-result.ts';
import { OrderDraft } from './order-draft.ts';
import { OrderResult } from './order-result.ts';
import { PrinterTicket } from './printer-ticket.ts';
import type { ToolContract, ToolName } from './tool-contract.ts';
import { NoArguments } from './tool-contract.ts';

/** Every v1 tool contract by name; the tool runner validates through these and nothing else. */
export const toolContracts = {
  get_menu: {
    name: 'get_menu',
    version: 'v1',
    description:
      "Returns the location's current menu: items, sizes, variants, modifier groups, prices, " +
      'opening hours and fulfilment options.',
    input: NoArguments,
    output: Menu,
  },
  get_kitchen_status: {
    name: 'get_kitchen_status',
    version: 'v1',
    description:
      'Returns whether the kitchen accepts orders now, the current pickup and delivery waits ' +
      'in minutes, and the items that are sold out.',
    input: NoArguments,
    output: KitchenStatus,
  },
  create_pos_order: {
    name: 'create_pos_order',
    version: 'v1',
    description:
      "Writes a confirmed order to the restaurant's POS. Idempotent per idempotency_key: " +
      'calling it again with the same key never creates a second order.',
    input: OrderDraft,
    output: OrderResult,
  },
  dispatch_printer_ticket: {
    name: 'dispatch_printer_ticket',
    version: 'v1',
    description:
      "Sends a kitchen ticket to the location's printer through its edge agent. Idempotent " +
      'per job_id.',
    input: PrinterTicket,
    output: DispatchResult,
  },
  send_confirmation_message: {
    name: 'send_confirmation_message',
    version: 'v1',
    description: 'Sends the caller a confirmation text message for a created order.',
    input: ConfirmationMessage,
    output: MessageResult,
  },
} as const satisfies { readonly [Name in ToolName]: ToolContract<Name> };

export type ToolContracts = typeof toolContracts;
/** What a tool accepts, before defaults are applied. */
export type ToolInput<Name extends ToolName> = z.input<ToolContracts[Name]['input']>;
/** What a tool returns once validated. */
export type ToolOutput<Name extends ToolName> = z.output<ToolContracts[Name]['output']>;

/** Validates a tool's input before execution; throws `ContractViolationError` with field paths. */
export function parseToolInput<Name extends ToolName>(
  name: Name,
  input: unknown,
): z.output<ToolContracts[Name]['input']> {
  const contract: ToolContract = toolContracts[name];
  return parseContract(`tool ${name} input`, contract.input, input) as z.output<
    ToolContracts[Name]['input']
  >;
}

/** Validates a tool's output after execution; throws `ContractViolationError` with field paths. */
export function parseToolOutput<Name extends ToolName>(
  name: Name,
  output: unknown,
): ToolOutput<Name> {
  const contract: ToolContract = toolContracts[name];
  return parseContract(`tool ${name} output`, contract.output, output) as ToolOutput<Name>;
}
