import { z } from 'zod';
import {
  OutcomeUnknownError,
  UnavailableError,
  ValidationError,
  VoxeronError,
  Retry,
} from '../../../platform/errors.ts';
import { readServerSentEvents } from './sse.ts';

/** Where and how to reach an OpenAI-compatible chat-completions API. */
export interface ChatCompletionsEndpoint {
  /** e.g. `https://api.openai.com/v1` or a local server's `http://127.0.0.1:8080/v1`. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** No first streamed token within this → the provider is stalled; fail over. @default 1500 */
  firstTokenTimeoutMs?: number;
  /** The whole answer must arrive within this. @default 8000 */
  totalTimeoutMs?: number;
}

/** A vendor error whose class says whether to retry (429/5xx) or not (other 4xx). */
export class ProviderRejectedError extends VoxeronError {
  readonly code = 'provider_rejected';
  readonly retry = Retry.never;
}

const StreamChunk = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().optional(),
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number(),
                  id: z.string().optional(),
                  function: z
                    .object({ name: z.string().optional(), arguments: z.string().optional() })
                    .optional(),
                }),
              )
              .nullish(),
          })
          .optional(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
});

export interface StreamedToolCall {
  name: string;
  /** The JSON text of the arguments, concatenated from the streamed fragments. */
  arguments: string;
}

export interface ChatCompletionResult {
  toolCalls: StreamedToolCall[];
  content: string;
  /** Milliseconds from sending the request to the first streamed token. */
  firstTokenMs: number;
  totalMs: number;
}

export interface ChatCompletionRequest {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  tools: {
    type: 'function';
    function: { name: string; description: string; parameters: object };
  }[];
  toolChoice?: { type: 'function'; function: { name: string } };
  temperature?: number;
}

/**
 * Sends one streaming chat completion and collects the tool calls and text. Honours the
 * caller's signal, a first-token timeout (stalls are detected before dead air, not after) and
 * a total timeout. Errors: 429/5xx/network → {@link UnavailableError} (with `Retry-After`),
 * other 4xx → {@link ProviderRejectedError}, a stream cut after it began → {@link OutcomeUnknownError}.
 */
export async function streamChatCompletion(
  endpoint: ChatCompletionsEndpoint,
  request: ChatCompletionRequest,
  signal?: AbortSignal,
): Promise<ChatCompletionResult> {
  const startMs = performance.now();
  const firstTokenTimeoutMs = endpoint.firstTokenTimeoutMs ?? 1500;
  const deadline = new AbortController();
  const totalTimer = setTimeout(
    () => deadline.abort(new Error('total timeout')),
    endpoint.totalTimeoutMs ?? 8000,
  );
  let firstTokenTimer: NodeJS.Timeout | undefined = setTimeout(
    () => deadline.abort(new Error('first-token timeout')),
    firstTokenTimeoutMs,
  );
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  let firstTokenMs = -1;
  const calls = new Map<number, StreamedToolCall>();
  let content = '';
  try {
    let response: Response;
    try {
      response = await fetch(`${endpoint.baseUrl.replace(/\/$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${endpoint.apiKey}`,
          accept: 'text/event-stream',
        },
        body: JSON.stringify({
          model: endpoint.model,
          stream: true,
          messages: request.messages,
          tools: request.tools,
          ...(request.toolChoice ? { tool_choice: request.toolChoice } : {}),
          temperature: request.temperature ?? 0,
        }),
        signal: combined,
      });
    } catch (error) {
      throw new UnavailableError(
        `the LLM provider could not be reached: ${reason(combined, error)}`,
        { cause: error },
      );
    }
    if (!response.ok) throw await statusError(response);
    if (!response.body) throw new UnavailableError('the LLM provider answered without a body');
    try {
      for await (const data of readServerSentEvents(
        response.body as unknown as AsyncIterable<Uint8Array>,
      )) {
        if (firstTokenTimer) {
          clearTimeout(firstTokenTimer);
          firstTokenTimer = undefined;
          firstTokenMs = performance.now() - startMs;
        }
        if (data === '[DONE]') break;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          throw new UnavailableError(
            `the LLM provider streamed a chunk that is not JSON: ${data.slice(0, 80)}`,
          );
        }
        const chunk = StreamChunk.safeParse(parsed);
        if (!chunk.success)
          throw new UnavailableError('the LLM provider streamed a chunk of an unknown shape');
        for (const choice of chunk.data.choices) {
          content += choice.delta?.content ?? '';
          for (const call of choice.delta?.tool_calls ?? []) {
            const soFar = calls.get(call.index) ?? { name: '', arguments: '' };
            soFar.name += call.function?.name ?? '';
            soFar.arguments += call.function?.arguments ?? '';
            calls.set(call.index, soFar);
          }
        }
      }
    } catch (error) {
      if (error instanceof VoxeronError) throw error;
      if (firstTokenMs < 0)
        throw new UnavailableError(`the LLM provider stalled: ${reason(combined, error)}`, {
          cause: error,
        });
      throw new OutcomeUnknownError(`the LLM stream broke off: ${reason(combined, error)}`, {
        cause: error,
      });
    }
    return {
      toolCalls: [...calls.values()],
      content,
      firstTokenMs,
      totalMs: performance.now() - startMs,
    };
  } finally {
    clearTimeout(totalTimer);
    if (firstTokenTimer) clearTimeout(firstTokenTimer);
  }
}

async function statusError(response: Response): Promise<VoxeronError> {
  const text = await response.text().catch(() => '');
  const message = (() => {
    try {
      return (
        (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text.slice(0, 200)
      );
    } catch {
      return text.slice(0, 200);
    }
  })();
  if (response.status === 429 || response.status >= 500) {
    const retryAfterSeconds = Number(response.headers.get('retry-after'));
    return new UnavailableError(`the LLM provider answered ${response.status}: ${message}`, {
      ...(Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
        ? { retryAfterMs: retryAfterSeconds * 1000 }
        : {}),
      details: { status: response.status },
    });
  }
  if (response.status === 400) {
    return new ValidationError(`the LLM provider refused the request: ${message}`, [
      { path: 'request', message },
    ]);
  }
  return new ProviderRejectedError(`the LLM provider answered ${response.status}: ${message}`, {
    details: { status: response.status },
  });
}

function reason(signal: AbortSignal, error: unknown): string {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason.message : 'aborted';
  return error instanceof Error ? error.message : String(error);
}
