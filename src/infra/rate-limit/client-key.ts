import { isIPv6 } from 'node:net';

/**
 * The key a client is counted under for rate limits: an IPv4 address as it is, an IPv6 address by
 * its /64 prefix. One IPv6 subscriber usually holds a whole /64 (2⁶⁴ addresses), so counting
 * single addresses would let one client appear as unlimited clients. IPv4-mapped IPv6
 * (`::ffff:203.0.113.7`, as Node reports IPv4 on a dual-stack socket) counts as the IPv4 address.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return mapped;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, zero-padded (`2001:db8::1` → 2001, 0db8, 0000, …). */
function expandIPv6(ip: string): string[] {
  const [withoutZone = ''] = ip.split('%'); // drop a zone id (fe80::1%eth0)
  const address = withoutZone.toLowerCase();
  const [head = '', tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const hasGap = address.includes('::');
  const middle = hasGap ? Array<string>(8 - left.length - right.length).fill('0') : [];
  return [...left, ...middle, ...right].map((group) => group.padStart(4, '0'));
}
