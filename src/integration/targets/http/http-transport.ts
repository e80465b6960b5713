/** One request as `httpCall` sends it. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
}

/** The part of an answer `httpCall` reads: the status, a header, the body (read once). */
export interface TransportResponse {
  status: number;
  /** A header's value, `null` when absent; the name is case-insensitive. */
  header(name: string): string | null;
  text(): Promise<string>;
}

/**
 * Sends one HTTP request. Failures reject with the socket's error (its `code`, or its
 * `cause.code` as `fetch` reports it) or with a `VoxeronError` that already carries its retry
 * semantics (a refused address).
 */
export type HttpTransport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * What to do with a 3xx answer. `follow`: let `fetch` follow it (up to 20 hops) and judge the
 * final answer. `refuse`: do not follow; the 3xx is a permanent failure naming its `Location`.
 */
export type RedirectPolicy = 'follow' | 'refuse';

/** Node's global `fetch` (undici), following redirects or not. */
export function fetchTransport(redirect: RedirectPolicy): HttpTransport {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: redirect === 'follow' ? 'follow' : 'manual',
    });
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => response.text(),
    };
  };
}
