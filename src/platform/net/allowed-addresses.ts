import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Retry, VoxeronError, throwIfAborted } from '../errors.ts';
import { classifyAddress, unbracket } from './address-policy.ts';

/** One address a hostname resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a hostname to all its addresses. The default asks the operating system
 * (`dns.lookup`, as Node's own connections do); tests inject names that point at local servers.
 */
export type HostResolver = (hostname: string, signal: AbortSignal) => Promise<ResolvedAddress[]>;

/** `dns.lookup` with every address, in the resolver's order; the wait ends when `signal` fires. */
export const systemResolver: HostResolver = async (hostname, signal) => {
  throwIfAborted(signal);
  const found = lookup(hostname, { all: true, order: 'verbatim' });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    // dns.lookup runs on the libuv pool and cannot be cancelled: an abort stops the wait only.
    const addresses = await Promise.race([found, aborted]);
    return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    found.catch(() => undefined);
  }
};

/**
 * The platform refused to call an address that is not public (loopback, private, link-local,
 * CGNAT, …). Never retried: the endpoint's host must change (or private addresses be allowed).
 */
export class AddressNotAllowedError extends VoxeronError {
  readonly code = 'address_not_allowed';
  readonly retry = Retry.never;
}

export interface AllowedAddressesOptions {
  signal: AbortSignal;
  /** @default systemResolver */
  resolver?: HostResolver;
  /** Accept non-public addresses too (local development, self-hosted installs). @default false */
  allowPrivateAddresses?: boolean;
}

/**
 * The addresses of `hostname` the platform may connect to: an IP literal is judged as it is, a
 * name is resolved once and refused if ANY of its addresses is not public — a name with one
 * public and one private address could otherwise be steered to the private one. Connect to
 * exactly these addresses (never resolve again) so the address checked is the address used.
 * A name that resolves to nothing fails like the system resolver does (`ENOTFOUND`).
 */
export async function allowedAddresses(
  hostname: string,
  options: AllowedAddressesOptions,
): Promise<ResolvedAddress[]> {
  const host = unbracket(hostname);
  const literal = isIP(host);
  const addresses: ResolvedAddress[] =
    literal === 0
      ? await (options.resolver ?? systemResolver)(host, options.signal)
      : [{ address: host, family: literal === 6 ? 6 : 4 }];
  if (addresses.length === 0) {
    throw Object.assign(new Error(`${host} resolves to no address`), { code: 'ENOTFOUND' });
  }
  if (options.allowPrivateAddresses) return addresses;
  for (const { address } of addresses) {
    const range = classifyAddress(address) ?? 'reserved';
    if (range === 'public') continue;
    const what =
      literal === 0
        ? `${host} resolves to ${address} (${range})`
        : `${host} is not public (${range})`;
    throw new AddressNotAllowedError(`${what}; only public addresses may be called`, {
      details: { host, address, range },
    });
  }
  return addresses;
}
