import { DEFAULT_MTU } from '../topology/defaults';
import { jailPath } from '../plan/indexed';
import type { Interface, Stack, Topology } from '../topology/schema';

// A host against a design, object by object, matched by name the way the planner matches them (ids
// and layout never count): what exists only on the host, only in the design, or in both but differs.

export type CompareStatus = 'only-host' | 'only-design' | 'differs';

export interface Difference {
  /** "jail www-jail", "host/bridge0", "www-jail/epair2b". */
  subject: string;
  status: CompareStatus;
  /** What differs, in words; empty unless status is "differs". */
  details: string[];
  /** The object's id in the host's topology, to badge it on the host's drawing. */
  hostId?: string;
}

type Named = { key: string; stack: Stack; iface?: Interface };

function stackKey(topology: Topology, stack: Stack): string {
  return stack.kind === 'host' ? 'host' : jailPath(topology, stack);
}

function objects(topology: Topology): Map<string, Named> {
  const found = new Map<string, Named>();
  for (const stack of topology.stacks) {
    const key = stackKey(topology, stack);
    if (stack.kind === 'jail') found.set(`jail ${key}`, { key, stack });
    for (const iface of stack.interfaces) if (iface.kind !== 'loopback') found.set(`${key}/${iface.name}`, { key, stack, iface });
  }
  return found;
}

function memberNames(topology: Topology, iface: Interface): string[] {
  if (iface.kind !== 'bridge') return [];
  const names = new Map(topology.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, i.name] as const)));
  return iface.members.map((id) => names.get(id) ?? id).sort();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

function interfaceDetails(host: Topology, hostIface: Interface, design: Topology, designIface: Interface): string[] {
  const details: string[] = [];
  if (hostIface.kind !== designIface.kind) details.push(`kind: ${hostIface.kind} on the host, ${designIface.kind} in the design`);
  if (!sameList(hostIface.addresses, designIface.addresses)) details.push(`addresses: ${hostIface.addresses.join(', ') || 'none'} on the host, ${designIface.addresses.join(', ') || 'none'} in the design`);
  const mtu = (i: Interface) => i.mtu ?? DEFAULT_MTU[i.kind];
  if (mtu(hostIface) !== mtu(designIface)) details.push(`MTU: ${mtu(hostIface)} on the host, ${mtu(designIface)} in the design`);
  if (hostIface.up !== designIface.up) details.push(`${hostIface.up ? 'up' : 'down'} on the host, ${designIface.up ? 'up' : 'down'} in the design`);
  const members = [memberNames(host, hostIface), memberNames(design, designIface)] as const;
  if (!sameList(...members)) details.push(`members: ${members[0].join(', ') || 'none'} on the host, ${members[1].join(', ') || 'none'} in the design`);
  return details;
}

export function compareTopologies(host: Topology, design: Topology): Difference[] {
  const onHost = objects(host);
  const inDesign = objects(design);
  const differences: Difference[] = [];
  for (const [subject, actual] of onHost) {
    const wanted = inDesign.get(subject);
    const hostId = actual.iface?.id ?? actual.stack.id;
    if (!wanted) differences.push({ subject, status: 'only-host', details: [], hostId });
    else if (actual.iface && wanted.iface) {
      const details = interfaceDetails(host, actual.iface, design, wanted.iface);
      if (details.length) differences.push({ subject, status: 'differs', details, hostId });
    }
  }
  for (const subject of inDesign.keys()) if (!onHost.has(subject)) differences.push({ subject, status: 'only-design', details: [] });
  return differences;
}
