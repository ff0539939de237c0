import { formatIPv4, networkOf, broadcastOf, parseCidr, parseIp } from '../net/ip';
import type { Topology } from '../topology/schema';
import { MAX_INTERFACE_NAME } from '../validate/rules-identity';

// Names and addresses the editor proposes: unique where FreeBSD needs them unique, at most 15
// characters for interfaces, and the next free address of a subnet.

function allInterfaceNames(t: Topology): Set<string> {
  return new Set(t.stacks.flatMap((s) => s.interfaces.map((i) => i.name)));
}

/** `bridge` → bridge0, bridge1, … : the first unit no stack uses (names are per stack, units are host-wide). */
export function nextUnitName(t: Topology, prefix: string): string {
  const taken = allInterfaceNames(t);
  for (let unit = 0; ; unit++) if (!taken.has(`${prefix}${unit}`)) return `${prefix}${unit}`;
}

/**
 * Both ends of a new cable, named as Bastille and jib name theirs: e<N>a_<tag> / e<N>b_<tag>, the tag
 * made from the jail the b end goes to (e0a_www / e0b_www), N the first number free for both names
 * anywhere in the design. Never the kernel's own epairNa/epairNb: Patchbay creates every epair with
 * `ifconfig epair create` and renames both ends (core/topology/cable.ts says why).
 */
export function nextEpairNames(t: Topology, jailName = 'jail'): [string, string] {
  const taken = allInterfaceNames(t);
  const tag = jailName.replace(/[^A-Za-z0-9_]/g, '_') || 'jail';
  for (let n = 0; ; n++) {
    const head = `e${n}`;
    const cut = tag.slice(0, MAX_INTERFACE_NAME - head.length - 2);
    const [a, b] = [`${head}a_${cut}`, `${head}b_${cut}`];
    if (!taken.has(a) && !taken.has(b)) return [a, b];
  }
}

/** A jail name not yet used, from a base made safe for jail(8) (no dots, a safe character set). */
export function nextJailName(t: Topology, base = 'jail'): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'jail';
  const taken = new Set(t.stacks.flatMap((s) => (s.kind === 'jail' ? [s.name] : [])));
  if (!taken.has(clean)) return clean;
  for (let n = 1; ; n++) if (!taken.has(`${clean}${n}`)) return `${clean}${n}`;
}

/** A fresh id that no stack, interface, segment or intent has. */
export function freshId(t: Topology, base: string): string {
  const taken = new Set([
    ...t.stacks.map((s) => s.id),
    ...t.stacks.flatMap((s) => s.interfaces.map((i) => i.id)),
    ...t.segments.map((s) => s.id),
    ...t.intents.map((i) => i.id),
  ]);
  const clean = base.replace(/[^A-Za-z0-9_.:-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'id';
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

/**
 * The lowest host address in `cidr`'s subnet that nobody in the design uses, in CIDR form with the
 * subnet's prefix (10.0.0.1/24 → 10.0.0.2/24 when .1 is taken). IPv4 only; undefined when full.
 */
export function nextFreeAddress(t: Topology, cidr: string): string | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed.ok || parsed.value.family !== 4) return undefined;
  const used = new Set<bigint>();
  for (const iface of t.stacks.flatMap((s) => s.interfaces)) {
    for (const address of iface.addresses) {
      const other = parseCidr(address);
      if (other.ok && other.value.family === 4) used.add(other.value.address);
    }
  }
  for (const segment of t.segments) {
    const gateway = segment.kind === 'lan' && segment.gateway ? parseIp(segment.gateway) : undefined;
    if (gateway?.ok) used.add(gateway.value.value);
  }
  const first = networkOf(parsed.value) + 1n;
  const last = broadcastOf(parsed.value) - 1n;
  for (let candidate = first; candidate <= last; candidate++) {
    if (!used.has(candidate)) return `${formatIPv4(candidate)}/${parsed.value.prefix}`;
  }
  return undefined;
}
