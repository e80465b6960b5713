import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { AbortedError, UnavailableError, type VoxeronError } from '../../../platform/errors.ts';
import { upgradeRefusedError } from './deepgram-errors.ts';

/** Longest part of a refused upgrade's body kept for the error message. */
const maxErrorBodyBytes = 2048;

/**
 * Opens the WebSocket with `Authorization: Token <key>`. Resolves once the upgrade succeeded;
 * rejects with a typed error when Deepgram refuses it (status + `dg-error`), the network fails,
 * `timeoutMs` passes or `signal` aborts — and leaves no socket behind in any of those cases.
 */
export function connectDeepgram(
  url: URL,
  apiKey: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError('the Deepgram stream was cancelled', { cause: signal.reason }));
      return;
    }
    const ws = new WebSocket(url, {
      headers: { Authorization: `Token ${apiKey}` },
      handshakeTimeout: timeoutMs,
    });
    let settled = false;
    const settle = (error: VoxeronError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      ws.off('open', onOpen);
      if (error) {
        ws.terminate();
        reject(error);
      } else {
        resolve(ws);
      }
    };
    const onOpen = () => settle(undefined);
    const onAbort = () =>
      settle(new AbortedError('the Deepgram stream was cancelled', { cause: signal?.reason }));
    const timer = setTimeout(
      () =>
        settle(new UnavailableError(`Deepgram did not accept the stream within ${timeoutMs} ms`)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    ws.on('open', onOpen);
    // Registered for the socket's whole life: an 'error' without a listener crashes the process.
    ws.on('error', (error) =>
      settle(
        new UnavailableError(`Deepgram could not be reached: ${error.message}`, { cause: error }),
      ),
    );
    ws.on('unexpected-response', (request, response: IncomingMessage) => {
      readBody(response, (body) => {
        const header = (name: string) => {
          const value = response.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        settle(
          upgradeRefusedError(
            response.statusCode ?? 0,
            header('dg-error') ?? (body || undefined),
            header('dg-request-id'),
            header('retry-after'),
          ),
        );
        request.destroy();
      });
    });
  });
}

function readBody(response: IncomingMessage, done: (body: string) => void): void {
  let body = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    if (body.length < maxErrorBodyBytes) body += chunk;
  });
  response.on('end', () => done(body.slice(0, maxErrorBodyBytes).trim()));
  response.on('error', () => done(body.trim()));
}
