import { parseIPv4 } from './ip';

// IPv4 as unsigned 32-bit numbers: the audit compares millions of addresses against prefixes, and
// number arithmetic is far cheaper than bigint there. Parsing goes through ip.ts, so the rules for
// what an address is stay in one place.

export interface Prefix4 {
  /** The address as written (host bits kept). */
  address: number;
  bits: number;
}

export function ipv4(text: string): number | undefined {
  const value = parseIPv4(text);
  return value === null ? undefined : Number(value);
}

/** `10.0.0.1/24` or a bare address (a /32). */
export function prefix4(text: string): Prefix4 | undefined {
  const [addr = '', bits, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const address = ipv4(addr);
  const length = bits === undefined ? 32 : /^(0|[1-9][0-9]?)$/.test(bits) ? Number(bits) : NaN;
  return address === undefined || !(length >= 0 && length <= 32) ? undefined : { address, bits: length };
}

export function mask4(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function network4(prefix: Prefix4): number {
  return (prefix.address & mask4(prefix.bits)) >>> 0;
}

export function inPrefix4(address: number, net: number, bits: number): boolean {
  return (address & mask4(bits)) >>> 0 === (net & mask4(bits)) >>> 0;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** RFC 1918, shared address space (RFC 6598), link-local and loopback: never the internet. */
export const PRIVATE_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
  '127.0.0.0/8',
];

const PRIVATE4 = PRIVATE_RANGES.map((text) => prefix4(text)!);

export function isPrivate4(address: number): boolean {
  return PRIVATE4.some((p) => inPrefix4(address, p.address, p.bits));
}
