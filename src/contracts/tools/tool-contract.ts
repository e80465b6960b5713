import { z } from 'zod';

/** The typed tools of §6.3, by the name the dialogue policy calls them. */
export const ToolName = z.enum([
  'get_menu',
  'get_kitchen_status',
  'create_pos_order',
  'dispatch_printer_ticket',
  'send_confirmation_message',
]);
export type ToolName = z.infer<typeof ToolName>;

/** Input of a tool that takes no arguments: exactly `{}`. Scope comes from the session. */
export const NoArguments = z.strictObject({});
export type NoArguments = z.infer<typeof NoArguments>;

/**
 * One versioned tool contract: the schemas its input is validated with before execution and its
 * output after (§6.3). A change to either is a new version beside this one.
 */
export interface ToolContract<
  Name extends ToolName = ToolName,
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> {
  readonly name: Name;
  readonly version: 'v1';
  /** What the tool does, written for the model that decides to call it. */
  readonly description: string;
  readonly input: Input;
  readonly output: Output;
}
