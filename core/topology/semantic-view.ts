import { formatCidr, formatIp, parseCidr, parseIp } from '../net/ip';
import type { Interface, Stack, Topology } from './schema';

/** fd00:0::1/64 and fd00::1/64 are one address: compare the canonical text. */
function canonicalCidr(text: string): string {
  const parsed = parseCidr(text);
  return parsed.ok ? formatCidr(parsed.value) : text;
}

function canonicalIp(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseIp(text);
  return parsed.ok ? formatIp(parsed.value) : text;
}

// A topology seen the way the kernel sees it: by names, not by ids. Two topologies with the same view
// describe the same host, whatever ids the editor or discovery gave their objects.

interface InterfaceView {
  kind: Interface['kind'];
  up: boolean;
  mtu?: number;
  mac?: string;
  description?: string;
  addresses: string[];
  /** Bridge members by name, sorted: the order they were added changes nothing on the wire. */
  members?: string[];
  /** Epair: this end and the other end as "<stack name>/<interface name>". */
  end?: 'a' | 'b';
  peer?: string;
  /** The admin's interface groups, sorted (their order changes nothing); absent when none. */
  groups?: string[];
}

export interface StackView {
  kind: Stack['kind'];
  parent?: string;
  childrenMax?: number;
  hostname?: string;
  forwarding: { ipv4: boolean; ipv6: boolean };
  defaultGateway: { ipv4?: string; ipv6?: string };
  staticRoutes: string[];
  interfaces: Record<string, InterfaceView>;
}

function stackName(stack: Stack): string {
  return stack.kind === 'host' ? '(host)' : stack.name;
}

export function semanticView(topology: Topology): Record<string, StackView> {
  const stacks = new Map(topology.stacks.map((s) => [s.id, s]));
  const owner = new Map(
    topology.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, { iface: i, stack: s }] as const)),
  );
  const nameOf = (id: string) => owner.get(id)?.iface.name ?? `?${id}`;
  const view: Record<string, StackView> = {};
  for (const stack of topology.stacks) {
    const interfaces: Record<string, InterfaceView> = {};
    for (const iface of stack.interfaces) {
      const peer = iface.kind === 'epair' ? owner.get(iface.peer) : undefined;
      interfaces[iface.name] = {
        kind: iface.kind,
        up: iface.up,
        ...(iface.mtu !== undefined ? { mtu: iface.mtu } : {}),
        ...(iface.mac !== undefined ? { mac: iface.mac } : {}),
        ...(iface.description !== undefined ? { description: iface.description } : {}),
        addresses: iface.addresses.map(canonicalCidr).sort(),
        ...(iface.kind === 'bridge' ? { members: iface.members.map(nameOf).sort() } : {}),
        ...(iface.kind === 'epair'
          ? { end: iface.end, peer: peer ? `${stackName(peer.stack)}/${peer.iface.name}` : `?${iface.peer}` }
          : {}),
        ...(iface.groups?.length ? { groups: [...new Set(iface.groups)].sort() } : {}),
      };
    }
    const parent = stack.kind === 'jail' && stack.parent ? stacks.get(stack.parent) : undefined;
    view[stackName(stack)] = {
      kind: stack.kind,
      ...(parent ? { parent: stackName(parent) } : {}),
      ...(stack.kind === 'jail' ? { childrenMax: stack.childrenMax } : {}),
      ...(stack.kind === 'host' ? { hostname: stack.hostname } : stack.hostname ? { hostname: stack.hostname } : {}),
      forwarding: stack.forwarding,
      defaultGateway: {
        ...(stack.defaultGateway.ipv4 !== undefined ? { ipv4: canonicalIp(stack.defaultGateway.ipv4) } : {}),
        ...(stack.defaultGateway.ipv6 !== undefined ? { ipv6: canonicalIp(stack.defaultGateway.ipv6) } : {}),
      },
      staticRoutes: stack.staticRoutes
        .map((r) =>
          r.gateway !== undefined
            ? `${canonicalCidr(r.destination)} via ${canonicalIp(r.gateway)}`
            : `${canonicalCidr(r.destination)} -iface ${r.interface === undefined ? '?' : nameOf(r.interface)}`,
        )
        .sort(),
      interfaces,
    };
  }
  return view;
}
