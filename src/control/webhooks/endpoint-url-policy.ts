import { z } from 'zod';
import { classifyAddress } from '../../platform/net/address-policy.ts';

/**
 * Why an endpoint URL's host is refused at registration, or `undefined` when it may be
 * registered. Best-effort and early: a name can still resolve to a private address later, so
 * the webhook target checks every resolved address at send time (the real guard, ADR 0014).
 * Refused: IP literals (private or reserved ones say so; public ones are refused too, as a
 * domain name is required), `localhost` and `*.localhost` (loopback by RFC 6761), and
 * anything that is not a domain name.
 */
export function endpointHostProblem(url: string): string | undefined {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return undefined; // the URL check reports it
  }
  const range = classifyAddress(hostname);
  if (range !== undefined && range !== 'public') {
    const article = /^[aeiou]/.test(range) ? 'an' : 'a';
    return `the host ${hostname} is ${article} ${range} address: webhooks are delivered to public addresses only`;
  }
  if (range === 'public') return 'use a domain name, not an IP address';
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return `the host ${hostname} is loopback: webhooks are delivered to public addresses only`;
  }
  if (!z.regexes.domain.test(name)) return 'the host must be a domain name, e.g. hooks.example.com';
  return undefined;
}
