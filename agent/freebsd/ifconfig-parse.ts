// Readers for ifconfig text (docs/freebsd.md §2). ifconfig has no --libxo output (§2.6).
//
// `ifconfig` / `ifconfig -a` / `ifconfig <if>`: one block per interface, a header line
//   <name>: flags=<hex><FLAG,...> metric <n> mtu <n>
// then attribute lines indented by a TAB (real output) or spaces (blog copies, e.g. fixture
// ifconfig-host-bridge-epairs-14x-subnetspider.txt). Attribute order differs between 13.x and
// 14.x (§2.2), so each line is recognised by its leading word, never by position. Lines we do not
// use (bridge `id`/`maxage`/`root id`, `hwaddr`, `vlan:`, ...) are skipped.
import { ParseError } from './parse-error';
import type { BridgeMember, IfconfigInterface, Inet6Address, InetAddress } from './types';

const COMMAND = 'ifconfig';
const HEADER = /^(\S+): flags=([0-9a-f]+)<([^>]*)> metric (\d+) mtu (\d+)$/;
/** `options=680003<RXCSUM,...>`, or `options=0` for a 14.x bridge (§2.2). */
const HEX_WITH_NAMES = /^([0-9a-f]+)(?:<([^>]*)>)?$/;
const MEMBER = /^member: (\S+) flags=[0-9a-f]+<([^>]*)>/;

export function parseIfconfig(text: string): IfconfigInterface[] {
  const interfaces: IfconfigInterface[] = [];
  let current: IfconfigInterface | undefined;
  let lastMember: BridgeMember | undefined;

  lines(text).forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') return;
    const fail = (expected: string): never => {
      throw new ParseError(COMMAND, lineNumber, expected, line);
    };

    if (!/^\s/.test(line)) {
      current = parseHeader(line, fail);
      lastMember = undefined;
      interfaces.push(current);
      return;
    }
    if (!current) return fail('an interface header "<name>: flags=..." before attribute lines');

    const attribute = line.trim();
    // Bridge member continuation: TAB + 8 spaces in real output (§2.3), 16 spaces in the blog copy.
    if (attribute.startsWith('ifmaxaddr ')) {
      if (!lastMember) return fail('a "member:" line before its "ifmaxaddr" continuation');
      Object.assign(lastMember, parseMemberDetails(attribute, fail));
      return;
    }
    lastMember = undefined;
    const member = MEMBER.exec(attribute);
    if (member) {
      lastMember = { name: member[1] ?? '', flags: splitFlags(member[2]) };
      current.bridge ??= { members: [] };
      current.bridge.members.push(lastMember);
      return;
    }
    applyAttribute(current, attribute, fail);
  });
  return interfaces;
}

function parseHeader(line: string, fail: (expected: string) => never): IfconfigInterface {
  const header = HEADER.exec(line);
  if (!header) return fail('an interface header "<name>: flags=<hex><FLAGS> metric <n> mtu <n>"');
  return {
    name: header[1] ?? '',
    flagsHex: header[2] ?? '',
    flags: splitFlags(header[3]),
    metric: Number(header[4]),
    mtu: Number(header[5]),
    inet: [],
    inet6: [],
    groups: [],
  };
}

function applyAttribute(target: IfconfigInterface, attribute: string, fail: (expected: string) => never): void {
  const space = attribute.indexOf(' ');
  const word = space < 0 ? attribute : attribute.slice(0, space);
  const rest = space < 0 ? '' : attribute.slice(space + 1);
  if (word === 'description:') target.description = rest;
  else if (word.startsWith('options=')) target.options = parseHexWithNames(word.slice('options='.length), fail);
  else if (word === 'ether') target.ether = rest;
  else if (word === 'inet') target.inet.push(parseInet(rest.split(' '), fail));
  else if (word === 'inet6') target.inet6.push(parseInet6(rest.split(' '), fail));
  else if (word === 'groups:') target.groups = rest.split(' ').filter((g) => g !== '');
  else if (word === 'media:') target.media = rest;
  else if (word === 'status:') target.status = rest;
  else if (word === 'nd6' && rest.startsWith('options='))
    target.nd6 = parseHexWithNames(rest.slice('options='.length), fail);
  // Anything else (bridge id/maxage/root id, hwaddr, vlan, carp, ...) is not needed: skip it.
}

function parseHexWithNames(value: string, fail: (expected: string) => never): { hex: string; names: string[] } {
  const parts = HEX_WITH_NAMES.exec(value);
  if (!parts) return fail('options=<hex> or options=<hex><NAME,...>');
  return { hex: parts[1] ?? '', names: splitFlags(parts[2]) };
}

/** `inet 10.2.70.109 netmask 0xffffff00 broadcast 10.2.70.255` (extra words such as `vhid 1` ignored). */
function parseInet(words: string[], fail: (expected: string) => never): InetAddress {
  const address = words[0] ?? '';
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return fail('an IPv4 address after "inet"');
  const netmask = valueAfter(words, 'netmask');
  if (netmask === undefined || !/^0x[0-9a-f]{8}$/.test(netmask))
    return fail('"netmask 0x<8 hex digits>" on an inet line');
  const prefix = prefixFromNetmask(Number.parseInt(netmask.slice(2), 16));
  if (prefix === undefined) return fail('a contiguous netmask');
  const broadcast = valueAfter(words, 'broadcast');
  return { address, prefix, ...(broadcast !== undefined ? { broadcast } : {}) };
}

/** `inet6 fe80::1%lo0 prefixlen 64 scopeid 0x2`; flag words (`tentative`, `autoconf`, ...) ignored. */
function parseInet6(words: string[], fail: (expected: string) => never): Inet6Address {
  const [address = '', zone] = (words[0] ?? '').split('%');
  if (!address.includes(':')) return fail('an IPv6 address after "inet6"');
  const prefixlen = valueAfter(words, 'prefixlen');
  if (prefixlen === undefined || !/^\d+$/.test(prefixlen) || Number(prefixlen) > 128)
    return fail('"prefixlen <0-128>" on an inet6 line');
  const scopeid = valueAfter(words, 'scopeid');
  return {
    address,
    prefix: Number(prefixlen),
    ...(zone !== undefined ? { zone } : {}),
    ...(scopeid !== undefined ? { scopeid } : {}),
  };
}

/** `ifmaxaddr 0 port 14 priority 128 path cost 2000` (§2.3); unknown words are ignored. */
function parseMemberDetails(text: string, fail: (expected: string) => never): Partial<BridgeMember> {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const fields = { ifmaxaddr: 'ifmaxaddr', port: 'port', priority: 'priority', pathCost: 'cost' } as const;
  const details: Partial<BridgeMember> = {};
  for (const [field, key] of Object.entries(fields) as [keyof typeof fields, string][]) {
    const at = words.indexOf(key);
    if (at < 0 || (key === 'cost' && words[at - 1] !== 'path')) continue;
    const value = words[at + 1] ?? '';
    if (!/^\d+$/.test(value)) return fail(`a number after "${key === 'cost' ? 'path cost' : key}"`);
    details[field] = Number(value);
  }
  return details;
}

/** 0xffffff00 → 24; undefined for a non-contiguous mask. */
export function prefixFromNetmask(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

/** Lines of command output; a final newline does not make an extra line. */
function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.length > 1 && all[all.length - 1] === '') all.pop();
  return all;
}

function splitFlags(list: string | undefined): string[] {
  return list ? list.split(',') : [];
}

function valueAfter(words: string[], key: string): string | undefined {
  const at = words.indexOf(key);
  return at >= 0 ? words[at + 1] : undefined;
}
