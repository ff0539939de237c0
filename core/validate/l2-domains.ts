import type { ValidationContext } from './context';

/**
 * Groups interfaces (and LAN segments) into layer-2 domains: a bridge with its members, the two ends
 * of an epair, a physical NIC with the LAN it is plugged into. Returns the domain key of an interface or segment id
 * (ids are unique across a topology).
 */
export function layer2Domains(ctx: ValidationContext): (id: string) => string {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const { iface } of ctx.interfaces) {
    if (iface.kind === 'bridge')
      iface.members.forEach((member) => ctx.interfaceById.has(member) && union(iface.id, member));
    if (iface.kind === 'epair' && ctx.interfaceById.has(iface.peer)) union(iface.id, iface.peer);
  }
  for (const { segment } of ctx.segments) {
    if (segment.kind === 'lan' && ctx.interfaceById.has(segment.uplink)) union(segment.id, segment.uplink);
  }
  return find;
}
