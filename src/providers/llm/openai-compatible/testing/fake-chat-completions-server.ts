/**
 * A local server that speaks the OpenAI chat-completions streaming protocol (SSE `data:` chunks
 * with `choices[].delta.tool_calls[]`, then `data: [DONE]`), with scripted behaviour per request:
 * a tool call streamed in fragments, an HTTP error, a stall, garbage, or a stream cut mid-way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  | { kind: 'tool_call'; name?: string; arguments: string; fragmentChars?: number }
  | { kind: 'status'; status: number; body?: object; retryAfterSeconds?: number }
  | { kind: 'stall' }
  | { kind: 'garbage' }
  | { kind: 'cut_after_first_chunk'; arguments: string };

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: {
    model: string;
    stream: boolean;
    messages: { role: string; content: string }[];
    tools: { function: { name: string } }[];
    tool_choice?: unknown;
  };
}

export interface FakeChatCompletionsServer {
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startFakeChatCompletionsServer(
  script: (request: ReceivedRequest) => ScriptedReply,
): Promise<FakeChatCompletionsServer> {
  const requests: ReceivedRequest[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const request = { headers: req.headers, body: JSON.parse(raw) as ReceivedRequest['body'] };
      requests.push(request);
      open.add(res);
      res.on('close', () => open.delete(res));
      play(script(request), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function chunk(res: http.ServerResponse, delta: object, finish: string | null = null): void {
  res.write(
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
  );
}

function play(reply: ScriptedReply, res: http.ServerResponse): void {
  switch (reply.kind) {
    case 'status':
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...(reply.retryAfterSeconds ? { 'retry-after': String(reply.retryAfterSeconds) } : {}),
      });
      res.end(
        JSON.stringify(
          reply.body ?? { error: { message: `scripted ${reply.status}`, type: 'scripted' } },
        ),
      );
      return;
    case 'stall':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      return; // never writes a token
    case 'garbage':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {not json\n\n');
      return;
    case 'cut_after_first_chunk':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      chunk(res, {
        role: 'assistant',
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: 'interpret_utterance', arguments: reply.arguments.slice(0, 5) },
          },
        ],
      });
      setTimeout(() => res.destroy(), 20);
      return;
    case 'tool_call': {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const size = reply.fragmentChars ?? 7;
      chunk(res, {
        role: 'assistant',
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: reply.name ?? 'interpret_utterance', arguments: '' },
          },
        ],
      });
      for (let at = 0; at < reply.arguments.length; at += size) {
        chunk(res, {
          tool_calls: [{ index: 0, function: { arguments: reply.arguments.slice(at, at + size) } }],
        });
      }
      chunk(res, {}, 'tool_calls');
      res.end('data: [DONE]\n\n');
      return;
    }
  }
}
