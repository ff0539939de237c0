// IPv4/IPv6 addresses and prefixes as plain bigints, so that containment and overlap are exact
// integer arithmetic in the browser, the dashboard and the agent alike.

export type Family = 4 | 6;

export interface IpAddress {
  family: Family;
  value: bigint;
  /** IPv6 zone (`fe80::1%bridge0`), when one was written. */
  zone?: string;
}

export interface Cidr {
  family: Family;
  /** The address as written (host bits kept: `10.0.0.1/24` is an interface address). */
  address: bigint;
  prefix: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function fail<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}

export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some tools read them as octal, so `010.0.0.1` is ambiguous.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseHextets(text: string): number[] | null {
  if (text === '') return [];
  const groups = text.split(':');
  const out: number[] = [];
  for (const [i, group] of groups.entries()) {
    if (i === groups.length - 1 && group.includes('.')) {
      const v4 = parseIPv4(group);
      if (v4 === null) return null;
      out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    out.push(parseInt(group, 16));
  }
  return out;
}

export function parseIPv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseHextets(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const hextets = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return hextets.reduce((acc, h) => (acc << 16n) | BigInt(h), 0n);
}

/** An address without a prefix; IPv6 may carry a `%zone`. */
export function parseIp(text: string): Parsed<IpAddress> {
  if (text.includes(':')) {
    const [addr = '', zone, extra] = text.split('%');
    if (extra !== undefined || zone === '') return fail(`"${text}" has a malformed %zone`);
    const value = parseIPv6(addr);
    if (value === null) return fail(`"${text}" is not an IPv6 address`);
    return { ok: true, value: zone === undefined ? { family: 6, value } : { family: 6, value, zone } };
  }
  const value = parseIPv4(text);
  if (value === null) return fail(`"${text}" is not an IPv4 address (expected four numbers 0-255, like 10.0.0.1)`);
  return { ok: true, value: { family: 4, value } };
}

/** An address with its prefix length, as FreeBSD's `ifconfig inet 10.0.0.1/24` takes it. */
export function parseCidr(text: string): Parsed<Cidr> {
  const slash = text.indexOf('/');
  if (slash < 0) return fail(`"${text}" has no prefix length; write it in CIDR form, like 10.0.0.1/24 or fd00::1/64`);
  const ip = parseIp(text.slice(0, slash));
  if (!ip.ok) return ip;
  if (ip.value.zone !== undefined) return fail(`"${text}": a zone (%) does not belong in an interface address`);
  const prefixText = text.slice(slash + 1);
  const max = BITS[ip.value.family];
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max) {
    return fail(`"${text}" has prefix length "${prefixText}"; IPv${ip.value.family} allows 0 to ${max}`);
  }
  return { ok: true, value: { family: ip.value.family, address: ip.value.value, prefix: Number(prefixText) } };
}

function hostMask(family: Family, prefix: number): bigint {
  return (1n << BigInt(BITS[family] - prefix)) - 1n;
}

export function networkOf(cidr: Cidr): bigint {
  return cidr.address & ~hostMask(cidr.family, cidr.prefix);
}

export function broadcastOf(cidr: Cidr): bigint {
  return networkOf(cidr) | hostMask(cidr.family, cidr.prefix);
}

export function containsAddress(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && (ip.value & ~hostMask(cidr.family, cidr.prefix)) === networkOf(cidr);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const shorter = Math.min(a.prefix, b.prefix);
  const mask = ~hostMask(a.family, shorter);
  return (a.address & mask) === (b.address & mask);
}

export function isLinkLocal(ip: IpAddress): boolean {
  return ip.family === 6 && ip.value >> 118n === 0x3fan; // fe80::/10
}

export function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups shortened to `::`. */
export function formatIPv6(value: bigint): string {
  // One conversion to hex, then each group's digits without leading zeros: eight BigInt shifts
  // and masks per address were a fifth of the dual-stack Exposed view, which formats an address in
  // every step it traces. RFC 5952: lower case, the longest run of two or more zero groups as "::".
  const digits = BigInt.asUintN(128, value).toString(16).padStart(32, '0');
  const hex: string[] = [];
  for (let group = 0; group < 8; group++) {
    let at = group * 4;
    while (at < group * 4 + 3 && digits.charCodeAt(at) === 48) at++;
    hex.push(digits.slice(at, group * 4 + 4));
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && hex[j] === '0') j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatIp(ip: IpAddress): string {
  const text = ip.family === 4 ? formatIPv4(ip.value) : formatIPv6(ip.value);
  return ip.zone === undefined ? text : `${text}%${ip.zone}`;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, value: cidr.address })}/${cidr.prefix}`;
}
