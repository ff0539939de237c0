import { DEFAULT_MTU } from '../topology/defaults';
import { jailPath } from '../plan/indexed';
import type { Interface, Stack, Topology } from '../topology/schema';

// A host against a design, object by object, matched by name the way the planner matches them (ids
// and layout never count): what exists only on the host, only in the design, or in both but differs.

type CompareStatus = 'only-host' | 'only-design' | 'differs';

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
    for (const iface of stack.interfaces)
      if (iface.kind !== 'loopback') found.set(`${key}/${iface.name}`, { key, stack, iface });
  }
  return found;
}

function memberNames(topology: Topology, iface: Interface): string[] {
  if (iface.kind !== 'bridge') return [];
  const names = new Map(topology.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, i.name] as const)));
  return iface.members.map((id) => names.get(id) ?? id).sort();
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

function interfaceDetails(host: Topology, hostIface: Interface, design: Topology, designIface: Interface): string[] {
  const details: string[] = [];
  if (hostIface.kind !== designIface.kind)
    details.push(`kind: ${hostIface.kind} on the host, ${designIface.kind} in the design`);
  if (!sameList(hostIface.addresses, designIface.addresses))
    details.push(
      `addresses: ${hostIface.addresses.join(', ') || 'none'} on the host, ${designIface.addresses.join(', ') || 'none'} in the design`,
    );
  const mtu = (i: Interface) => i.mtu ?? DEFAULT_MTU[i.kind];
  if (mtu(hostIface) !== mtu(designIface))
    details.push(`MTU: ${mtu(hostIface)} on the host, ${mtu(designIface)} in the design`);
  if (hostIface.up !== designIface.up)
    details.push(`${hostIface.up ? 'up' : 'down'} on the host, ${designIface.up ? 'up' : 'down'} in the design`);
  // A refusal can be about these alone (the uplink's description), so Compare shows them too.
  if ((hostIface.description ?? '') !== (designIface.description ?? ''))
    details.push(
      `description: ${hostIface.description ? `'${hostIface.description}'` : 'none'} on the host, ${designIface.description ? `'${designIface.description}'` : 'none'} in the design`,
    );
  if (designIface.mac !== undefined && hostIface.mac?.toLowerCase() !== designIface.mac.toLowerCase())
    details.push(`MAC: ${hostIface.mac ?? 'none'} on the host, ${designIface.mac} in the design`);
  const members = [memberNames(host, hostIface), memberNames(design, designIface)] as const;
  if (!sameList(...members))
    details.push(
      `members: ${members[0].join(', ') || 'none'} on the host, ${members[1].join(', ') || 'none'} in the design`,
    );
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
  for (const subject of inDesign.keys())
    if (!onHost.has(subject)) differences.push({ subject, status: 'only-design', details: [] });
  return differences;
}

/**
 * The host with what only the design has added in, to draw before it exists: jails and interfaces
 * the design adds (ids prefixed "design:"), and their bridge memberships. `ghosts` are those ids.
 */
export function overlayDesign(host: Topology, design: Topology): { topology: Topology; ghosts: Set<string> } {
  const onHost = objects(host);
  const overlay = structuredClone(host);
  const ghosts = new Set<string>();
  const idOf = new Map<string, string>();
  // Design ids of what the host has map to the host's ids; everything else becomes a ghost.
  for (const [subject, wanted] of objects(design)) {
    const actual = onHost.get(subject);
    if (actual) idOf.set(wanted.iface?.id ?? wanted.stack.id, actual.iface?.id ?? actual.stack.id);
    if (!wanted.iface && actual) idOf.set(wanted.stack.id, actual.stack.id);
  }
  for (const stack of design.stacks) {
    const newJail = stack.kind === 'jail' && !onHost.has(`jail ${stackKey(design, stack)}`);
    if (newJail) idOf.set(stack.id, `design:${stack.id}`);
    // A loopback is never compared, so it is a ghost only inside a jail that is one.
    for (const iface of stack.interfaces)
      if (!idOf.has(iface.id) && (iface.kind !== 'loopback' || newJail)) idOf.set(iface.id, `design:${iface.id}`);
  }
  const mapped = (id: string) => idOf.get(id) ?? id;
  const ghostInterface = (iface: Interface): Interface => {
    ghosts.add(mapped(iface.id));
    if (iface.kind === 'epair') return { ...iface, id: mapped(iface.id), peer: mapped(iface.peer) };
    if (iface.kind === 'bridge') return { ...iface, id: mapped(iface.id), members: iface.members.map(mapped) };
    return { ...iface, id: mapped(iface.id) };
  };
  for (const stack of design.stacks) {
    const hostStack = overlay.stacks.find((s) => s.id === mapped(stack.id));
    if (!hostStack) {
      ghosts.add(mapped(stack.id));
      overlay.stacks.push({
        ...structuredClone(stack),
        id: mapped(stack.id),
        ...(stack.kind === 'jail' && stack.parent ? { parent: mapped(stack.parent) } : {}),
        interfaces: stack.interfaces.map(ghostInterface),
        nat: [],
      } as Stack);
      continue;
    }
    for (const iface of stack.interfaces) {
      const id = mapped(iface.id);
      if (iface.kind === 'loopback') continue;
      if (id.startsWith('design:')) hostStack.interfaces.push(ghostInterface(iface));
      else if (iface.kind === 'bridge') {
        // A bridge both have: the design's new members join it, as ghosts.
        const bridge = hostStack.interfaces.find((i) => i.id === id);
        if (bridge?.kind === 'bridge')
          for (const member of iface.members.map(mapped))
            if (member.startsWith('design:') && !bridge.members.includes(member)) bridge.members.push(member);
      }
    }
  }
  return { topology: overlay, ghosts };
}
