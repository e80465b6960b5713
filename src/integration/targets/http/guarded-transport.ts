import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  allowedAddresses,
  type HostResolver,
  type ResolvedAddress,
} from '../../../platform/net/allowed-addresses.ts';
import type { HttpTransport, TransportResponse } from './http-transport.ts';

export interface GuardedTransportOptions {
  /**
   * Also call loopback, private, link-local and other non-public addresses: tests, local
   * development, self-hosted installs whose receivers live on the private network.
   * @default false
   */
  allowPrivateAddresses?: boolean;
  /** @default the system resolver (`dns.lookup`) */
  resolver?: HostResolver;
  /**
   * Bytes of an answer's body kept; the rest is dropped unread and the connection closed, so
   * a receiver cannot make the platform buffer an endless body. @default 65536
   */
  maxBodyBytes?: number;
}

/** Answers the connection's lookup with the addresses vetted before it: no second resolution. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) {
      callback(null, [...addresses]);
      return;
    }
    const [first] = addresses as [ResolvedAddress];
    callback(null, first.address, first.family);
  };
}

async function readText(body: AsyncIterable<Buffer>, maxBodyBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    // Leaving the loop destroys the stream and its connection.
    if (length >= maxBodyBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8');
}

/**
 * A transport for URLs a tenant chose (outbound webhooks), built on `node:http(s)` because
 * Node's `fetch` cannot be told which address to connect to. The host is resolved once and
 * every address judged by the address policy (`platform/net`); the connection then uses
 * exactly those addresses through a pinned `lookup`, so a DNS answer that changes between the
 * check and the connect (rebinding) cannot reach a private address. Redirects are never
 * followed: the 3xx comes back to `httpCall`. One connection per request (no pooling).
 */
export function guardedTransport(options: GuardedTransportOptions = {}): HttpTransport {
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  return async (request) => {
    const { url, signal } = request;
    const addresses = await allowedAddresses(url.hostname, {
      signal,
      resolver: options.resolver,
      allowPrivateAddresses: options.allowPrivateAddresses,
    });
    const client = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    return new Promise<TransportResponse>((resolve, reject) => {
      const outgoing = client.request(url, {
        method: request.method,
        headers,
        signal,
        agent: false,
        lookup: pinnedLookup(addresses),
      });
      // `on`, not `once`: a second error (after an abort) must not go unhandled.
      outgoing.on('error', reject);
      outgoing.once('response', (incoming) => {
        resolve({
          status: incoming.statusCode ?? 0,
          header: (name) => {
            const value = incoming.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : (value ?? null);
          },
          text: () => readText(incoming, maxBodyBytes),
        });
      });
      outgoing.end(request.body);
    });
  };
}
