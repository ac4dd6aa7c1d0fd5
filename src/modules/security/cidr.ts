/**
 * CIDR matching for IPv4 and IPv6 (pure). IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) match
 * IPv4 ranges, because Node reports IPv4 clients that way on dual-stack sockets.
 */
import net from 'node:net';

/** Address as a 128-bit BigInt in the IPv6 space (IPv4 mapped into ::ffff:0:0/96), or null. */
export function addressToBigInt(address: string): { value: bigint; v4: boolean } | null {
  const a = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (net.isIPv4(a)) {
    const parts = a.split('.').map(Number);
    const v = parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
    return { value: (0xffffn << 32n) | v, v4: true };
  }
  if (!net.isIPv6(a)) return null;
  let text = a;
  // Embedded IPv4 tail (::ffff:1.2.3.4)
  const tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (tail) {
    const p = (tail[1] as string).split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -(tail[1] as string).length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) return null;
  const value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
  return { value, v4: value >> 32n === 0xffffn };
}

export type Cidr = { base: bigint; prefix: number };

/** Parses "10.0.0.0/8", "2001:db8::/32" or a single address; null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len] = text.trim().split('/') as [string, string | undefined];
  const a = addressToBigInt(addr);
  if (!a) return null;
  const isV4 = net.isIPv4(addr.trim());
  const max = isV4 ? 32 : 128;
  const n = len === undefined ? max : Number(len);
  if (!Number.isInteger(n) || n < 0 || n > max || (len !== undefined && !/^\d+$/.test(len))) return null;
  const prefix = isV4 ? n + 96 : n;
  const mask = prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
  return { base: a.value & mask, prefix };
}

export function cidrContains(cidr: Cidr, address: string): boolean {
  const a = addressToBigInt(address);
  if (!a) return false;
  const mask = cidr.prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - cidr.prefix)) - 1n);
  return (a.value & mask) === cidr.base;
}

/** True when the list is empty (no restriction) or the address falls in one of the ranges. */
export function isAddressAllowed(address: string, networks: readonly string[]): boolean {
  if (networks.length === 0) return true;
  return networks.some((n) => {
    const c = parseCidr(n);
    return c !== null && cidrContains(c, address);
  });
}
