import { formatIPv4, parseCidr } from '../net/ip';
import type { Interface, JailAddress, JailStack, Stack, Topology } from '../topology/schema';
import { isSharedIpJail, networkStackOf, parseJailAddress, type SharedIpKey } from '../topology/shared-ip';
import { freshId, nextJailName, nextUnitName } from './names';

// The editor's actions for shared-IP (non-vnet) jails (core/topology/shared-ip.ts) and the loopback
// clones that carry their addresses, as Bastille's bastille0 (lo1) does.

type Position = { x: number; y: number };
/** actions.ts's Edit, spelt out: actions.ts imports this file, and an import loop is refused. */
type Edit = { ok: true; topology: Topology; created: string[] } | { ok: false; reason: string };

function place(t: Topology, id: string, position?: Position) {
  if (position) t.layout.positions[id] = { x: position.x, y: position.y };
}

/** A shared-IP jail with no address yet; the inspector gives it some (validate says if one is wrong). */
export function addSharedIpJail(t: Topology, options: { name?: string; position?: Position } = {}): Edit {
  const next = structuredClone(t);
  const name = nextJailName(next, options.name);
  const id = freshId(next, `jail-${name}`);
  next.stacks.push({
    kind: 'jail',
    id,
    name,
    childrenMax: 0,
    interfaces: [],
    forwarding: { ipv4: false, ipv6: false },
    defaultGateway: {},
    staticRoutes: [],
    nat: [],
    sharedIp: { ip4: [], ip6: [] },
  });
  place(next, id, options.position);
  return { ok: true, topology: next, created: [id] };
}

/** A loopback clone on the host, lo1 or the next free unit (lo0 is the system's own). */
export function addLoopback(t: Topology, options: { position?: Position } = {}): Edit {
  const next = structuredClone(t);
  const host = next.stacks.find((s) => s.kind === 'host');
  if (!host) return { ok: false, reason: 'The design has no host.' };
  const taken = new Set(next.stacks.flatMap((s) => s.interfaces.map((i) => i.name)));
  taken.add('lo0');
  let name = nextUnitName(next, 'lo');
  for (let unit = 1; taken.has(name); unit++) name = `lo${unit}`;
  const id = freshId(next, `${host.id}:${name}`);
  host.interfaces.push({ kind: 'loopback', id, name, up: true, addresses: [] });
  place(next, id, options.position);
  return { ok: true, topology: next, created: [id] };
}

/** Replaces one family's list of a shared-IP jail (the inspector's rows), or sets it to inherit. */
export function setJailAddresses(t: Topology, jailId: string, key: SharedIpKey, list: JailAddress[] | 'inherit'): Edit {
  const next = structuredClone(t);
  const jail = next.stacks.find((s) => s.id === jailId);
  if (!jail || !isSharedIpJail(jail)) return { ok: false, reason: `${jailId} is not a shared-IP jail.` };
  jail.sharedIp[key] = list === 'inherit' ? 'inherit' : list.map((a) => ({ ...a }));
  return { ok: true, topology: next, created: [] };
}

/** The interfaces a shared-IP jail's addresses may be added to: those of the stack it shares. */
export function carrierChoices(t: Topology, jail: Stack): Interface[] {
  const network = networkStackOf(t, jail);
  return network && network.id !== jail.id ? network.interfaces : [];
}

/** Every address already used on an interface, by a shared-IP jail or as a gateway, as numbers. */
function usedAddresses(t: Topology): Set<bigint> {
  const used = new Set<bigint>();
  const gateways = [
    ...t.segments.flatMap((s) => (s.kind === 'lan' && s.gateway ? [s.gateway] : [])),
    ...t.stacks.flatMap((s) => Object.values(s.defaultGateway).filter((g): g is string => g !== undefined)),
  ];
  for (const gateway of gateways) {
    const parsed = parseJailAddress(gateway);
    if (parsed.ok) used.add(parsed.value.address);
  }
  for (const stack of t.stacks) {
    for (const iface of stack.interfaces)
      for (const text of iface.addresses) {
        const parsed = parseCidr(text);
        if (parsed.ok) used.add(parsed.value.address);
      }
    if (isSharedIpJail(stack))
      for (const key of ['ip4', 'ip6'] as const) {
        const list = stack.sharedIp[key];
        if (list === 'inherit') continue;
        for (const entry of list) {
          const parsed = parseJailAddress(entry.address);
          if (parsed.ok) used.add(parsed.value.address);
        }
      }
  }
  return used;
}

/**
 * Drawing a line from a shared-IP jail to an interface of the stack it shares gives the jail an
 * address there: the next free one in the interface's first IPv4 subnet as a /32 alias, or on an
 * unaddressed loopback clone the next free 10.17.89.N (Bastille's default range for bastille0).
 */
export function connectSharedIp(t: Topology, jail: JailStack, ifaceId: string): Edit {
  if (!isSharedIpJail(jail)) return { ok: false, reason: `${jail.name} is not a shared-IP jail.` };
  const iface = carrierChoices(t, jail).find((i) => i.id === ifaceId);
  if (!iface)
    return {
      ok: false,
      reason: `A shared-IP jail has no interfaces of its own: it takes addresses on an interface of the stack it shares (${jail.name}'s is ${networkStackOf(t, jail)?.id ?? 'unknown'}).`,
    };
  const subnet = iface.addresses.map((a) => parseCidr(a)).find((p) => p.ok && p.value.family === 4);
  const base = subnet?.ok ? subnet.value : { family: 4 as const, address: 0x0a115900n, prefix: 24 };
  const used = usedAddresses(t);
  const size = 1n << BigInt(32 - base.prefix);
  const network = base.address & ~(size - 1n);
  for (let host = 1n; host < size - 1n; host++) {
    if (used.has(network + host)) continue;
    return setJailAddresses(t, jail.id, 'ip4', [
      ...(jail.sharedIp.ip4 === 'inherit' ? [] : jail.sharedIp.ip4),
      { interface: iface.id, address: `${formatIPv4(network + host)}/32` },
    ]);
  }
  return {
    ok: false,
    reason: `${iface.name} has no free IPv4 address left for ${jail.name}; type one in the inspector.`,
  };
}
