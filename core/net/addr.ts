import { formatIPv6, parseIPv6 } from './ip';
import { formatIpv4, inPrefix4, ipv4, isPrivate4, mask4 } from './ipv4';

// The audit's addresses in both families: IPv4 stays an unsigned 32-bit number (the matrix compares
// millions of them, and number arithmetic is far cheaper than bigint), IPv6 is a 128-bit bigint.
// The type of the value is the family, so a number and a bigint never compare equal (5 !== 5n) and
// a Map or Set keyed by Addr keeps the families apart without a tag.

export type Addr = number | bigint;
export type AddrFamily = 4 | 6;

/** An address with its prefix length; host bits are kept (`10.0.0.1/24` is an interface address). */
export interface Prefix {
  address: Addr;
  bits: number;
}

const ALL6 = (1n << 128n) - 1n;

export function isIpv4(address: Addr): address is number {
  return typeof address === 'number';
}

export function familyOf(address: Addr): AddrFamily {
  return typeof address === 'bigint' ? 6 : 4;
}

export function maxBits(family: AddrFamily): number {
  return family === 4 ? 32 : 128;
}

/** Every IPv6 mask, made once: building a bigint mask per comparison dominated the IPv6 matrix. */
const MASKS6: readonly bigint[] = Array.from({ length: 129 }, (_, bits) =>
  bits === 0 ? 0n : (ALL6 << BigInt(128 - bits)) & ALL6,
);

export function mask6(bits: number): bigint {
  return MASKS6[bits]!;
}

/** The network part of `address` under a `bits`-long mask, in the address's family. */
export function maskAddr(address: Addr, bits: number): Addr {
  return typeof address === 'bigint' ? address & mask6(bits) : (address & mask4(bits)) >>> 0;
}

export function network(prefix: Prefix): Addr {
  return maskAddr(prefix.address, prefix.bits);
}

/** The highest address of the prefix (IPv4's broadcast address). */
export function lastAddress(prefix: Prefix): Addr {
  const { address, bits } = prefix;
  return typeof address === 'bigint' ? address | (ALL6 ^ mask6(bits)) : (address | ~mask4(bits)) >>> 0;
}

/** Whether `address` lies in `net/bits`; never across families. */
export function inPrefix(address: Addr, net: Addr, bits: number): boolean {
  if (typeof address === 'number') return typeof net === 'number' && inPrefix4(address, net, bits);
  if (typeof net !== 'bigint') return false;
  const mask = mask6(bits);
  return (address & mask) === (net & mask);
}

export function formatAddr(address: Addr): string {
  return typeof address === 'bigint' ? formatIPv6(address) : formatIpv4(address);
}

export function formatPrefix(prefix: Prefix): string {
  return `${formatAddr(prefix.address)}/${prefix.bits}`;
}

/** An address of either family; IPv6 with an optional `%zone`, returned apart. */
export function parseAddr(text: string): { address: Addr; zone?: string } | undefined {
  if (!text.includes(':')) {
    const v4 = ipv4(text);
    return v4 === undefined ? undefined : { address: v4 };
  }
  const [addr = '', zone, extra] = text.split('%');
  if (extra !== undefined || zone === '') return undefined;
  const v6 = parseIPv6(addr);
  if (v6 === null) return undefined;
  return zone === undefined ? { address: v6 } : { address: v6, zone };
}

/** `a/b` of either family, or a bare address (a host prefix: /32 or /128). No zone. */
export function parsePrefix(text: string): Prefix | undefined {
  const [addr = '', bitsText, extra] = text.split('/');
  if (extra !== undefined || addr.includes('%')) return undefined;
  const parsed = parseAddr(addr);
  if (!parsed) return undefined;
  const max = maxBits(familyOf(parsed.address));
  if (bitsText === undefined) return { address: parsed.address, bits: max };
  if (!/^(0|[1-9][0-9]{0,2})$/.test(bitsText) || Number(bitsText) > max) return undefined;
  return { address: parsed.address, bits: Number(bitsText) };
}

export type Scope = 'unspecified' | 'loopback' | 'link-local' | 'private' | 'multicast' | 'global';

// 2001:db8::/32 (documentation, RFC 3849) stays global: examples use it as IPv4 examples use
// 203.0.113.0/24, for addresses that stand for real global ones.

/**
 * What an address can reach as a destination. IPv4 keeps its existing classes (ipv4.ts PRIVATE_RANGES
 * holds 127/8 and 169.254/16 among the private ranges); IPv6 tells loopback, link-local (scoped to
 * one link), unique local and global unicast apart.
 */
export function scopeOf(address: Addr): Scope {
  if (typeof address === 'number') {
    if (inPrefix4(address, 0x7f000000, 8)) return 'loopback';
    if (inPrefix4(address, 0xa9fe0000, 16)) return 'link-local';
    return isPrivate4(address) ? 'private' : 'global';
  }
  if (address === 0n) return 'unspecified';
  if (address === 1n) return 'loopback';
  // ::1 is loopback (RFC 4291 2.5.3); every other range lies in the top 16 bits: one shift, then
  // number arithmetic (the matrix asks this per route lookup; a bigint mask per range was 0.2 s of
  // the dual-stack matrix's three profiled rounds). addr.test.ts checks it against the prefixes.
  const top = Number(address >> 112n);
  if ((top & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10 (RFC 4291 2.5.6)
  if ((top & 0xfe00) === 0xfc00) return 'private'; // fc00::/7, unique local (RFC 4193)
  if ((top & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  return 'global';
}

/** Never reached from the internet: private, loopback and link-local ranges of either family. */
export function isPrivate(address: Addr): boolean {
  return typeof address === 'number' ? isPrivate4(address) : scopeOf(address) !== 'global';
}

export function isLinkLocalAddr(address: Addr): boolean {
  return typeof address === 'bigint' && scopeOf(address) === 'link-local';
}
