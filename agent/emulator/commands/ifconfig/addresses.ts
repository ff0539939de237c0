import { parseIPv4, parseIPv6 } from '../../../../core/net/ip';
import { abort, unsupported } from '../output';

// How ifconfig reads an address word, per address family (docs/freebsd/ifconfig.md, Addresses).
// FreeBSD falls back to the resolver for a word that is not a numeric address
// (sbin/ifconfig/af_inet.c in_getip: inet_aton, then gethostbyname, then getnetbyname, else
// errx "%s: bad value"). The emulated host resolves no names at all, so any such word ends in
// FreeBSD's "bad value" error — which is what a real host says too unless /etc/hosts or DNS knows
// the word (this is how `ifconfig epair0b description x inet 10.0.0.2/24` fails: "inet: bad value").

export type AddressFamilyName = 'inet' | 'inet6' | 'link';

/**
 * Numeric forms inet_aton(3) also accepts (`10.1`, `0x0a000001`, octal parts): FreeBSD takes them,
 * the emulator does not model them, so they are refused as unsupported rather than misread.
 */
const INET_ATON_OTHER = /^(0[xX][0-9a-fA-F]+|[0-9]+)(\.(0[xX][0-9a-fA-F]+|[0-9]+)){0,3}\.?$/;

/** af_inet.c in_getip(): a numeric a.b.c.d, else (no names resolve here) "bad value". */
export function inetValue(word: string): bigint {
  const value = parseIPv4(word);
  if (value !== null) return value;
  if (INET_ATON_OTHER.test(word))
    unsupported('ifconfig', `IPv4 address form "${word}" (inet_aton accepts it; the emulator reads only a.b.c.d)`);
  return abort('ifconfig', `${word}: bad value`);
}

/**
 * af_inet.c in_getaddr(ADDR) (commit 01792dd7, the netlink ifconfig of 14): `addr/len` with len read
 * by strtonum(0, 32) — "%s: bad value (width %s)" with "invalid", "too small" or "too large" — then
 * the address through in_getip.
 */
export function inetAddress(word: string): { value: bigint; prefix?: number } {
  const slash = word.lastIndexOf('/');
  if (slash < 0) return { value: inetValue(word) };
  const width = word.slice(slash + 1);
  let problem: string | undefined;
  if (!/^[0-9]/.test(width)) problem = 'invalid';
  else if (!/^[0-9]+$/.test(width)) problem = 'invalid';
  else if (Number(width) > 32) problem = 'too large';
  if (problem) abort('ifconfig', `${word}: bad value (width ${problem})`);
  return { value: inetValue(word.slice(0, slash)), prefix: Number(width) };
}

/** af_inet.c in_getaddr(MASK): the `netmask` word, an address whose set bits are counted. */
export function inetNetmask(word: string): number {
  const hex = /^0x([0-9a-fA-F]{1,8})$/.exec(word);
  // inet_aton reads 0xffffff00 as one 32-bit number: the form rc.conf examples use.
  const value = hex ? BigInt(`0x${hex[1]}`) : inetValue(word);
  let bits = 0;
  for (let v = value; v > 0n; v >>= 1n) if (v & 1n) bits++;
  return bits;
}

/** Leading-zero hextets, `::ffff:a.b.c.d` and similar are left to parseIPv6; a zone is not modelled. */
export function inet6Value(word: string): bigint {
  if (word.includes('%')) unsupported('ifconfig', `scoped IPv6 address "${word}"`);
  const value = parseIPv6(word);
  if (value !== null) return value;
  return abort('ifconfig', `${word}: bad value`);
}

/** af_inet6.c in6_getaddr(ADDR) and in6_getprefix: `addr/len`, len 0..128 ("prefixlen %s is %s"). */
export function inet6Address(word: string): { value: bigint; prefix?: number } {
  const slash = word.lastIndexOf('/');
  if (slash < 0) return { value: inet6Value(word) };
  return { value: inet6Value(word.slice(0, slash)), prefix: inet6Prefixlen(word.slice(slash + 1)) };
}

export function inet6Prefixlen(text: string): number {
  let problem: string | undefined;
  if (!/^[0-9]+$/.test(text)) problem = 'invalid';
  else if (Number(text) > 128) problem = 'too large';
  if (problem) abort('ifconfig', `prefixlen ${text} is ${problem}`);
  return Number(text);
}

/** af_link.c link_getaddr: a MAC as six colon-separated hex bytes (`ether`/`lladdr`/`link`). */
export function linkAddress(word: string): string {
  if (/^([0-9a-fA-F]{1,2}:){5}[0-9a-fA-F]{1,2}$/.test(word)) {
    return word
      .split(':')
      .map((b) => b.toLowerCase().padStart(2, '0'))
      .join(':');
  }
  return abort('ifconfig', 'malformed link-level address');
}
