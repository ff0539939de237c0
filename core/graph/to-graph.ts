import { abPartners, kernelEpairName } from '../topology/cable';
import type { Interface, Stack, Topology } from '../topology/schema';
import { sharedIpCarriers, sharedIpEdgeId, sharedIpLines } from './shared-ip';

// The drawing's view of a topology: which boxes exist, what sits inside what, and which port each
// cable plugs into. Pure data, so the canvas, the e2e tests and future exporters agree on it.

export type GraphNodeKind = 'host' | 'jail' | 'bridge' | 'nic' | 'interface' | 'lan' | 'internet';
/** `shared-ip`: a shared-IP jail to the interface that carries its addresses, labelled with them. */
export type GraphEdgeKind = 'epair' | 'member' | 'uplink' | 'internet' | 'shared-ip';

/** A row on a node that a cable plugs into: one interface. */
export interface GraphPort {
  id: string;
  name: string;
  addresses: string[];
  up: boolean;
}

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The container this node is drawn inside (the host, or a parent jail). */
  parentId?: string;
  /** Containers hold other nodes; their size comes from the layout. */
  container: boolean;
  title: string;
  /** Short facts under the title: addresses, routes, the LAN's CIDR. */
  lines: string[];
  badges: string[];
  ports: GraphPort[];
  /** A jail without a vnet, sharing its parent's stack (drawn dashed, with a "shared IP" badge). */
  sharedIp?: true;
  /** An interface box that is a loopback clone (drawn when it carries shared-IP jails' addresses). */
  loopback?: true;
}

export interface GraphEndpoint {
  node: string;
  /** A port row of that node, or the node itself when absent. */
  port?: string;
}

interface GraphEdge {
  id: string;
  kind: GraphEdgeKind;
  source: GraphEndpoint;
  target: GraphEndpoint;
  label: string;
}

export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function stackTitle(stack: Stack): string {
  return stack.kind === 'host' ? stack.hostname : stack.name;
}

function routeLines(stack: Stack): string[] {
  const lines: string[] = [];
  if (stack.defaultGateway.ipv4) lines.push(`default via ${stack.defaultGateway.ipv4}`);
  if (stack.defaultGateway.ipv6) lines.push(`default via ${stack.defaultGateway.ipv6}`);
  for (const route of stack.staticRoutes)
    lines.push(
      route.gateway !== undefined
        ? `${route.destination} via ${route.gateway}`
        : `${route.destination} -iface ${stack.interfaces.find((i) => i.id === route.interface)?.name ?? route.interface}`,
    );
  return lines;
}

function port(iface: Interface): GraphPort {
  return { id: iface.id, name: iface.name, addresses: iface.addresses, up: iface.up };
}

/**
 * A cable's short name: epairN for the kernel's names, the common name for ends named alike except
 * for their a/b (e0a_www ⇄ e0b_www is e0_www, as Bastille and jib name ends), else both names.
 */
function cableLabel(a: Interface, b: Interface | undefined): string {
  const unitA = kernelEpairName(a.name)?.unit;
  if (b && unitA !== undefined && unitA === kernelEpairName(b.name)?.unit) return `epair${unitA}`;
  const alike = b ? abPartners(a.name).find((p) => p.end === 'a' && p.peer === b.name) : undefined;
  if (alike) return alike.short;
  return b ? `${a.name} ⇄ ${b.name}` : a.name;
}

export function toGraph(topology: Topology): TopologyGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const stacks = new Map(topology.stacks.map((s) => [s.id, s]));
  const interfaces = new Map(
    topology.stacks.flatMap((s) => s.interfaces.map((i) => [i.id, { iface: i, stack: s }] as const)),
  );
  const memberOfBridge = new Map<string, string>();
  for (const { iface } of interfaces.values()) {
    if (iface.kind === 'bridge')
      for (const member of iface.members) if (!memberOfBridge.has(member)) memberOfBridge.set(member, iface.id);
  }
  const childJails = new Set(
    topology.stacks.flatMap((s) => (s.kind === 'jail' && s.parent && stacks.has(s.parent) ? [s.parent] : [])),
  );
  // A stack is drawn as a box holding other boxes when it has bridges, child jails or is the host;
  // a plain jail is one box whose rows are its interfaces.
  const isContainer = (stack: Stack) =>
    stack.kind === 'host' || childJails.has(stack.id) || stack.interfaces.some((i) => i.kind === 'bridge');
  const endpointOf = new Map<string, GraphEndpoint>();
  // Loopbacks are left out of the drawing, except one that carries a shared-IP jail's addresses.
  const carriers = sharedIpCarriers(topology);
  const drawn = (i: Interface) => i.kind !== 'loopback' || carriers.some((c) => c.carrier === i.id);

  for (const stack of topology.stacks) {
    const container = isContainer(stack);
    const parentId = drawnParent(stack, stacks);
    const badges: string[] = [];
    if (stack.forwarding.ipv4 || stack.forwarding.ipv6) badges.push('forwarding');
    for (const rule of stack.nat) badges.push(`NAT → ${interfaces.get(rule.egress)?.iface.name ?? rule.egress}`);
    if (stack.kind === 'jail' && stack.childrenMax > 0) badges.push(`children.max ${stack.childrenMax}`);
    if (stack.kind === 'host') badges.push(`FreeBSD ${topology.target.freebsd}`);
    const shared = stack.kind === 'jail' && stack.sharedIp !== undefined;
    if (shared) badges.push('shared IP');
    const rows = stack.interfaces.filter((i) => drawn(i) && i.kind !== 'bridge' && !memberOfBridge.has(i.id));
    nodes.push({
      id: stack.id,
      kind: stack.kind,
      ...(parentId ? { parentId } : {}),
      container,
      title: stackTitle(stack),
      lines: [...routeLines(stack), ...(stack.kind === 'jail' ? sharedIpLines(topology, stack) : [])],
      badges,
      ports: container ? [] : rows.map(port),
      ...(shared ? { sharedIp: true as const } : {}),
    });
    if (!container) {
      for (const iface of rows) endpointOf.set(iface.id, { node: stack.id, port: iface.id });
      continue;
    }
    for (const iface of stack.interfaces) {
      // An epair end on a bridge is a row of that bridge; a NIC on a bridge keeps its own box.
      if (!drawn(iface) || (iface.kind === 'epair' && memberOfBridge.has(iface.id))) continue;
      const members = iface.kind === 'bridge' ? iface.members.flatMap((m) => interfaces.get(m)?.iface ?? []) : [];
      nodes.push({
        id: iface.id,
        kind: iface.kind === 'bridge' ? 'bridge' : iface.kind === 'physical' ? 'nic' : 'interface',
        parentId: stack.id,
        container: false,
        title: iface.name,
        lines: [...iface.addresses, ...(iface.description ? [iface.description] : [])],
        badges: iface.up ? [] : ['down'],
        ports: members.map(port),
        ...(iface.kind === 'loopback' ? { loopback: true as const } : {}),
      });
      endpointOf.set(iface.id, { node: iface.id });
      for (const member of members)
        if (member.kind === 'epair') endpointOf.set(member.id, { node: iface.id, port: member.id });
    }
  }

  for (const { iface } of interfaces.values()) {
    if (iface.kind === 'epair' && iface.end === 'a') {
      const peer = interfaces.get(iface.peer)?.iface;
      const [source, target] = [endpointOf.get(iface.id), endpointOf.get(iface.peer)];
      if (source && target)
        edges.push({ id: `epair:${iface.id}`, kind: 'epair', source, target, label: cableLabel(iface, peer) });
    }
    if (iface.kind === 'bridge') {
      for (const memberId of iface.members) {
        const member = interfaces.get(memberId)?.iface;
        const source = endpointOf.get(memberId);
        if (!member || member.kind === 'epair' || !source || source.port !== undefined) continue;
        edges.push({
          id: `member:${memberId}`,
          kind: 'member',
          source,
          target: { node: iface.id, port: memberId },
          label: 'member',
        });
      }
    }
  }

  // A shared-IP jail hangs off the interface carrying its addresses; a jail drawn as a frame (it holds
  // child jails) has no handle of its own, and lists its addresses instead.
  for (const { jail, carrier, addresses } of carriers) {
    const target = endpointOf.get(carrier);
    if (!target || isContainer(jail)) continue;
    edges.push({
      id: sharedIpEdgeId(jail.id, carrier),
      kind: 'shared-ip',
      source: { node: jail.id },
      target,
      label: addresses.join(', '),
    });
  }

  for (const segment of topology.segments) {
    if (segment.kind === 'lan') {
      nodes.push({
        id: segment.id,
        kind: 'lan',
        container: false,
        title: segment.name,
        lines: [
          segment.cidr,
          ...(segment.cidr6 ? [segment.cidr6] : []),
          ...(segment.gateway ? [`gateway ${segment.gateway}`] : []),
        ],
        badges: [],
        ports: [],
      });
      const uplink = endpointOf.get(segment.uplink);
      if (uplink)
        edges.push({
          id: `uplink:${segment.id}`,
          kind: 'uplink',
          source: { node: segment.id },
          target: uplink,
          label: 'uplink',
        });
    } else {
      nodes.push({
        id: segment.id,
        kind: 'internet',
        container: false,
        title: segment.name,
        lines: [],
        badges: [],
        ports: [],
      });
      const via = topology.segments.find((s) => s.id === segment.via);
      if (via?.kind === 'lan') {
        edges.push({
          id: `internet:${segment.id}`,
          kind: 'internet',
          source: { node: segment.id },
          target: { node: via.id },
          label: via.gateway ? `via ${via.gateway}` : 'internet',
        });
      }
    }
  }
  return { nodes: orderParentsFirst(nodes), edges };
}

/** A jail is drawn inside its parent jail, unless the parents loop (the validator reports that). */
function drawnParent(stack: Stack, stacks: Map<string, Stack>): string | undefined {
  if (stack.kind !== 'jail' || stack.parent === undefined || stacks.get(stack.parent)?.kind !== 'jail')
    return undefined;
  const seen = new Set([stack.id]);
  for (
    let cursor: Stack | undefined = stacks.get(stack.parent);
    cursor?.kind === 'jail';
    cursor = cursor.parent ? stacks.get(cursor.parent) : undefined
  ) {
    if (seen.has(cursor.id)) return undefined;
    seen.add(cursor.id);
  }
  return stack.parent;
}

/** React Flow and ELK both want a container listed before what it contains. */
function orderParentsFirst(nodes: GraphNode[]): GraphNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (node: GraphNode, seen = new Set<string>()): number => {
    if (!node.parentId || seen.has(node.id)) return 0;
    seen.add(node.id);
    const parent = byId.get(node.parentId);
    return parent ? 1 + depth(parent, seen) : 0;
  };
  return nodes
    .map((node, index) => ({ node, index, depth: depth(node) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((x) => x.node);
}
