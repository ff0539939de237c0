import { formatCidr, parseCidr } from '../net/ip';
import type { Interface, JailStack, Stack, Topology } from '../topology/schema';

// A topology indexed the way the kernel names things: stacks by jail path ("" for the host, and
// "parent.child" for nested jails, as jail(8) names them), interfaces by "<stack>/<name>".

export interface IndexedInterface {
  iface: Interface;
  stack: Stack;
  stackKey: string;
  key: string;
}

export interface IndexedTopology {
  topology: Topology;
  stacks: Map<string, Stack>;
  interfaces: Map<string, IndexedInterface>;
  byId: Map<string, IndexedInterface>;
  stackKeyOf: (stack: Stack) => string;
}

export function jailPath(topology: Topology, stack: JailStack, seen = new Set<string>()): string {
  const parent = stack.parent ? topology.stacks.find((s) => s.id === stack.parent) : undefined;
  if (parent?.kind !== 'jail' || seen.has(stack.id)) return stack.name;
  seen.add(stack.id);
  return `${jailPath(topology, parent, seen)}.${stack.name}`;
}

export function indexTopology(topology: Topology): IndexedTopology {
  const stackKeyOf = (stack: Stack) => (stack.kind === 'host' ? '' : jailPath(topology, stack));
  const stacks = new Map(topology.stacks.map((s) => [stackKeyOf(s), s]));
  const interfaces = new Map<string, IndexedInterface>();
  const byId = new Map<string, IndexedInterface>();
  for (const stack of topology.stacks) {
    const stackKey = stackKeyOf(stack);
    for (const iface of stack.interfaces) {
      const entry = { iface, stack, stackKey, key: `${stackKey}/${iface.name}` };
      interfaces.set(entry.key, entry);
      byId.set(iface.id, entry);
    }
  }
  return { topology, stacks, interfaces, byId, stackKeyOf };
}

/** For people: "host/bridge0", "jail www/epair2b". */
export function describeKey(key: string): string {
  const [stack, name] = key.split('/') as [string, string];
  return stack === '' ? `host/${name}` : `jail ${stack}/${name}`;
}

/** Addresses compared by meaning: fd00:0::1/64 is fd00::1/64. */
export function canonicalAddresses(iface: Interface): string[] {
  return iface.addresses.map((a) => {
    const parsed = parseCidr(a);
    return parsed.ok ? formatCidr(parsed.value) : a;
  });
}

/** The host interface the default route leaves through: the uplink the guard protects. */
export function uplinkNames(topology: Topology): string[] {
  const host = topology.stacks.find((s) => s.kind === 'host');
  if (!host) return [];
  const gateways = [host.defaultGateway.ipv4, host.defaultGateway.ipv6].filter((g): g is string => g !== undefined);
  // A link-local gateway names its interface (fe80::1%vtnet0): that interface is the uplink.
  const zoned = gateways.flatMap((g) => (g.includes('%') ? [g.split('%')[1]!] : []));
  const onLink = host.interfaces
    .filter((iface) =>
      iface.addresses.some((a) => {
        const cidr = parseCidr(a);
        if (!cidr.ok) return false;
        return gateways.some((g) => {
          const gw = parseCidr(`${g.split('%')[0]}/${cidr.value.family === 4 ? 32 : 128}`);
          if (!gw.ok || gw.value.family !== cidr.value.family) return false;
          const bits = BigInt((cidr.value.family === 4 ? 32 : 128) - cidr.value.prefix);
          return gw.value.address >> bits === cidr.value.address >> bits;
        });
      }),
    )
    .map((i) => i.name);
  return [...new Set([...zoned, ...onLink])];
}

/** Where a command runs: inside the jail of that stack, or on the host. */
export function inJail(stackKey: string): { jail?: string } {
  return stackKey === '' ? {} : { jail: stackKey };
}

/** Patchbay marks what it makes and keeps, but never a NIC or a stack's own lo0. */
export function markable(entry: IndexedInterface): boolean {
  return entry.iface.kind !== 'physical' && entry.iface.name !== 'lo0';
}
