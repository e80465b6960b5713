/**
 * Typed tool runner for the read tools of §6.3 (`get_menu`, `get_kitchen_status`): the input is
 * validated before the call and the output after it, through the v1 tool contracts and nothing
 * else. Any failure becomes a {@link ToolError}: the session repairs or escalates, never crashes.
 */
import { parseToolInput, parseToolOutput } from '../../contracts/tools/index.ts';
import type { ToolOutput } from '../../contracts/tools/index.ts';
import { VoxeronError, Retry, isRetryable } from '../../platform/errors.ts';

/** Where the read tools get their data: the database, or a file for `call --menu`. */
export interface LocationDataSource {
  /** Raw `get_menu` output for the location (validated by the runner). */
  getMenu(tenantId: string, locationId: string, signal?: AbortSignal): Promise<unknown>;
  /** Raw `get_kitchen_status` output for the location (validated by the runner). */
  getKitchenStatus(tenantId: string, locationId: string, signal?: AbortSignal): Promise<unknown>;
}

export type ReadToolName = 'get_menu' | 'get_kitchen_status';

/** A tool call that failed: bad input or output (never retried) or an unavailable source. */
export class ToolError extends VoxeronError {
  readonly code = 'tool_failed';
  readonly retry: Retry;
  readonly tool: ReadToolName;
  constructor(tool: ReadToolName, cause: unknown, retryable: boolean) {
    super(`tool ${tool} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.tool = tool;
    this.retry = retryable ? Retry.retryable : Retry.never;
  }
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError;
}

export class ToolRunner {
  constructor(private readonly source: LocationDataSource) {}

  async run<Name extends ReadToolName>(
    name: Name,
    scope: { tenantId: string; locationId: string },
    input: unknown = {},
    signal?: AbortSignal,
  ): Promise<ToolOutput<Name>> {
    try {
      parseToolInput(name, input);
    } catch (error) {
      throw new ToolError(name, error, false);
    }
    let raw: unknown;
    try {
      raw =
        name === 'get_menu'
          ? await this.source.getMenu(scope.tenantId, scope.locationId, signal)
          : await this.source.getKitchenStatus(scope.tenantId, scope.locationId, signal);
    } catch (error) {
      throw new ToolError(name, error, isRetryable(error));
    }
    try {
      return parseToolOutput(name, raw);
    } catch (error) {
      throw new ToolError(name, error, false);
    }
  }
}
