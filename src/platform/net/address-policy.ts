import { isIP } from 'node:net';

/**
 * What an IP address is, for deciding whether the platform may call it on a tenant's behalf.
 * Only `public` is reachable by outbound webhooks (unless private addresses are allowed for
 * local development): everything else reaches the platform itself, its network or its cloud
 * provider (169.254.169.254 is link-local), or nothing.
 */
export const AddressRange = {
  public: 'public',
  /** 127.0.0.0/8, ::1. */
  loopback: 'loopback',
  /** RFC 1918 (10/8, 172.16/12, 192.168/16), fc00::/7 unique local, fec0::/10 site-local. */
  private: 'private',
  /** 169.254.0.0/16 (cloud metadata lives here), fe80::/10. */
  linkLocal: 'link-local',
  /** 100.64.0.0/10, carrier-grade NAT (RFC 6598): the provider's network, not the internet. */
  cgnat: 'cgnat',
  /** 0.0.0.0/8, :: — "this host" on most stacks. */
  unspecified: 'unspecified',
  /** 224.0.0.0/4, ff00::/8. */
  multicast: 'multicast',
  /** Documentation, benchmarking, protocol-assignment, future-use and broadcast ranges; IPv6 outside 2000::/3. */
  reserved: 'reserved',
} as const;
export type AddressRange = (typeof AddressRange)[keyof typeof AddressRange];

/** IPv4 ranges that are not public, as [network address, prefix length, range]. */
const ipv4Blocked: readonly (readonly [string, number, AddressRange])[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

const ipv4Ranges = ipv4Blocked.map(([base, prefix, range]) => {
  const size = 2 ** (32 - prefix);
  const first = ipv4ToNumber(base);
  return { first, last: first + size - 1, range };
});

function classifyIpv4(value: number): AddressRange {
  return ipv4Ranges.find((r) => value >= r.first && value <= r.last)?.range ?? 'public';
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, embedded IPv4 expanded). */
function ipv6Groups(address: string): number[] {
  const bare = address.replace(/%.*$/, '');
  const [head = '', tail] = bare.split('::') as [string, string | undefined];
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const v4 = ipv4ToNumber(group);
          return [Math.floor(v4 / 65536), v4 % 65536];
        });
  const before = parse(head);
  if (tail === undefined) return before;
  const after = parse(tail);
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
}

function classifyIpv6(groups: readonly number[]): AddressRange {
  const g = (i: number) => groups[i] ?? 0;
  const zerosUpTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  const embeddedV4 = (hi: number, lo: number) => classifyIpv4(g(hi) * 65536 + g(lo));
  if (zerosUpTo(8)) return 'unspecified';
  if (zerosUpTo(7) && g(7) === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d reach the IPv4 host.
  if (zerosUpTo(5) && g(5) === 0xffff) return embeddedV4(6, 7);
  if (zerosUpTo(6)) return embeddedV4(6, 7);
  // NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16) carry an IPv4 host too.
  if (g(0) === 0x64 && g(1) === 0xff9b && groups.slice(2, 6).every((x) => x === 0)) {
    return embeddedV4(6, 7);
  }
  if (g(0) === 0x64 && g(1) === 0xff9b && g(2) === 1) return 'reserved';
  if (g(0) === 0x2002) return embeddedV4(1, 2);
  if (g(0) >= 0xff00) return 'multicast';
  if ((g(0) & 0xffc0) === 0xfe80) return 'link-local';
  if ((g(0) & 0xffc0) === 0xfec0) return 'private';
  if ((g(0) & 0xfe00) === 0xfc00) return 'private';
  // Global unicast is 2000::/3; within it, documentation (2001:db8::/32, 3fff::/20) is not.
  if ((g(0) & 0xe000) !== 0x2000) return 'reserved';
  if (g(0) === 0x2001 && g(1) === 0x0db8) return 'reserved';
  if ((g(0) & 0xfff0) === 0x3ff0) return 'reserved';
  return 'public';
}

/**
 * The range an IP address belongs to, or `undefined` when the text is not an IP address.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that
 * IPv4 address, so `::ffff:127.0.0.1` is loopback.
 */
export function classifyAddress(address: string): AddressRange | undefined {
  const unbracketed = unbracket(address);
  switch (isIP(unbracketed.replace(/%.*$/, ''))) {
    case 4:
      return classifyIpv4(ipv4ToNumber(unbracketed));
    case 6:
      return classifyIpv6(ipv6Groups(unbracketed));
    default:
      return undefined;
  }
}

/** A URL hostname without the brackets of an IPv6 literal (`[::1]` → `::1`). */
export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
