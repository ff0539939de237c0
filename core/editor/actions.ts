import { parseCidr, formatIPv4 } from '../net/ip';
import { isPairIntent, type Interface, type JailStack, type Stack, type Topology } from '../topology/schema';
import { handbookRoot, rootOf } from '../topology/jail-root';
import { freshId, nextEpairNames, nextFreeAddress, nextJailName, nextUnitName } from './names';
import { connectSharedIp } from './shared-ip-actions';
import { parseSharedIpEdgeId } from '../graph/shared-ip';
import { isSharedIpJail, type SharedIpJail } from '../topology/shared-ip';

// What the editor does to a design, as functions over plain data: each takes a topology and returns
// a new one (the input is never changed), or says in words why it cannot. The editor store only
// calls these; nothing here knows about React.

export type Edit = { ok: true; topology: Topology; created: string[] } | { ok: false; reason: string };

type Position = { x: number; y: number };

function clone(t: Topology): Topology {
  return structuredClone(t);
}

function hostOf(t: Topology): Stack {
  const host = t.stacks.find((s) => s.kind === 'host');
  if (!host) throw new Error('a topology has a host stack (validated)');
  return host;
}

function place(t: Topology, id: string, position?: Position) {
  if (position) t.layout.positions[id] = { x: position.x, y: position.y };
}

function emptyStack() {
  return { interfaces: [], forwarding: { ipv4: false, ipv6: false }, defaultGateway: {}, staticRoutes: [], nat: [] };
}

/**
 * Raises children.max from `parentId` up through its ancestors so the kernel creates every child:
 * at least the number of children, and above each child's own children.max (kern_jail.c
 * kern_jail_set refuses a child whose children.max is not below its parent's).
 */
export function fitChildrenMax(t: Topology, parentId: string) {
  for (let id: string | undefined = parentId, hops = 0; id !== undefined && hops < t.stacks.length; hops++) {
    const parent = t.stacks.find((s) => s.id === id);
    if (parent?.kind !== 'jail') return;
    const kids = t.stacks.filter((s): s is JailStack => s.kind === 'jail' && s.parent === parent.id);
    parent.childrenMax = Math.max(parent.childrenMax, kids.length, ...kids.map((k) => k.childrenMax + 1));
    id = parent.parent;
  }
}

/**
 * A new jail is the Handbook's VNET jail with a root of its own, unless every jail the design already has
 * is network-only (a lab, or a host opened as a design whose jails have no root): then it is network-only
 * like them, so that it can be applied where they were, and the inspector offers the Handbook's root.
 */
function newJailRoot(t: Topology): Pick<JailStack, 'root'> {
  const jails = t.stacks.filter((s): s is JailStack => s.kind === 'jail');
  if (jails.length > 0 && jails.every((j) => rootOf(j).kind === 'network-only')) return {};
  return { root: handbookRoot() };
}

export function addJail(t: Topology, options: { name?: string; parent?: string; position?: Position } = {}): Edit {
  const next = clone(t);
  const name = nextJailName(next, options.name);
  const id = freshId(next, `jail-${name}`);
  const parent = options.parent ? next.stacks.find((s) => s.id === options.parent) : undefined;
  if (options.parent && parent?.kind !== 'jail')
    return { ok: false, reason: 'A jail can only be nested in another jail.' };
  const jail: JailStack = {
    kind: 'jail',
    id,
    name,
    childrenMax: 0,
    ...newJailRoot(next),
    ...emptyStack(),
    ...(parent ? { parent: parent.id } : {}),
  };
  next.stacks.push(jail);
  // A parent must allow its children (jail(8) children.max), so nesting raises it as needed.
  if (parent?.kind === 'jail') fitChildrenMax(next, parent.id);
  place(next, id, options.position);
  return { ok: true, topology: next, created: [id] };
}

export function addBridge(t: Topology, options: { stackId?: string; position?: Position } = {}): Edit {
  const next = clone(t);
  const stack = options.stackId ? next.stacks.find((s) => s.id === options.stackId) : hostOf(next);
  if (!stack) return { ok: false, reason: `There is no stack ${options.stackId}.` };
  const name = nextUnitName(next, 'bridge');
  const id = freshId(next, `${stack.id}:${name}`);
  stack.interfaces.push({ kind: 'bridge', id, name, up: true, addresses: [], members: [] });
  place(next, id, options.position);
  return { ok: true, topology: next, created: [id] };
}

export function addNic(t: Topology, options: { name: string; stackId?: string; position?: Position }): Edit {
  const next = clone(t);
  if (next.stacks.some((s) => s.interfaces.some((i) => i.kind === 'physical' && i.name === options.name)))
    return { ok: false, reason: `There already is a NIC ${options.name}.` };
  const stack = options.stackId ? next.stacks.find((s) => s.id === options.stackId) : hostOf(next);
  if (!stack) return { ok: false, reason: `There is no stack ${options.stackId}.` };
  const id = freshId(next, `${stack.id}:${options.name}`);
  stack.interfaces.push({ kind: 'physical', id, name: options.name, up: true, addresses: [] });
  place(next, id, options.position);
  return { ok: true, topology: next, created: [id] };
}

/** A LAN hangs off a NIC (the given one, or the host's first); the internet off a LAN. */
export function addSegment(
  t: Topology,
  kind: 'lan' | 'internet',
  options: { uplink?: string; position?: Position } = {},
): Edit {
  const next = clone(t);
  const id = freshId(next, kind);
  if (kind === 'internet') {
    const lan = next.segments.find((s) => s.kind === 'lan');
    if (!lan) return { ok: false, reason: 'The internet is reached through a LAN: add a LAN first.' };
    next.segments.push({ kind: 'internet', id, name: 'Internet', via: lan.id });
  } else {
    const nic = options.uplink ?? hostOf(next).interfaces.find((i) => i.kind === 'physical')?.id;
    if (!nic) return { ok: false, reason: 'A LAN is reached through a physical NIC: add a NIC first.' };
    next.segments.push({ kind: 'lan', id, name: 'LAN', cidr: '192.168.1.0/24', gateway: '192.168.1.1', uplink: nic });
  }
  place(next, id, options.position);
  return { ok: true, topology: next, created: [id] };
}

type Located = { iface: Interface; stack: Stack };

function findInterface(t: Topology, id: string): Located | undefined {
  for (const stack of t.stacks) {
    const iface = stack.interfaces.find((i) => i.id === id);
    if (iface) return { iface, stack };
  }
  return undefined;
}

/** The first IPv4 address of a bridge, the natural gateway of the jails on it. */
function bridgeGateway(bridge: Interface): { address: string; cidr: string } | undefined {
  for (const text of bridge.addresses) {
    const cidr = parseCidr(text);
    if (cidr.ok && cidr.value.family === 4) return { address: formatIPv4(cidr.value.address), cidr: text };
  }
  return undefined;
}

function epairBetween(
  next: Topology,
  a: { stack: Stack },
  b: { stack: Stack },
): [Interface & { kind: 'epair' }, Interface & { kind: 'epair' }] {
  const [nameA, nameB] = nextEpairNames(next, b.stack.kind === 'jail' ? b.stack.name : undefined);
  const idA = freshId(next, `${a.stack.id}:${nameA}`);
  const idB = freshId(next, `${b.stack.id}:${nameB}`);
  const endA = {
    kind: 'epair' as const,
    id: idA,
    name: nameA,
    end: 'a' as const,
    peer: idB,
    up: true,
    addresses: [] as string[],
  };
  const endB = {
    kind: 'epair' as const,
    id: idB,
    name: nameB,
    end: 'b' as const,
    peer: idA,
    up: true,
    addresses: [] as string[],
  };
  a.stack.interfaces.push(endA);
  b.stack.interfaces.push(endB);
  return [endA, endB];
}

/**
 * Drawing a line between two things makes the FreeBSD object it means: jail ↔ bridge an epair with
 * one end on the bridge (and, when the bridge has an address, the next free one for the jail and
 * the bridge as its gateway); jail ↔ jail a direct epair; NIC → bridge a member; NIC → jail moves
 * the NIC into the jail; NIC → LAN the uplink; LAN → internet the way out; a shared-IP jail ↔ an
 * interface an address on it (shared-ip-actions.ts).
 */
export function connect(t: Topology, sourceId: string, targetId: string): Edit {
  const sharedJail = [sourceId, targetId]
    .map((id) => t.stacks.find((s) => s.id === id))
    .find((s): s is SharedIpJail => s !== undefined && isSharedIpJail(s));
  if (sharedJail) return connectSharedIp(t, sharedJail, sharedJail.id === sourceId ? targetId : sourceId);
  const next = clone(t);
  const stackOf = (id: string) => next.stacks.find((s) => s.id === id);
  const ifaceOf = (id: string) => findInterface(next, id);
  const segmentOf = (id: string) => next.segments.find((s) => s.id === id);
  const [source, target] = [sourceId, targetId];
  const jailA = stackOf(source)?.kind === 'jail' ? stackOf(source) : undefined;
  const jailB = stackOf(target)?.kind === 'jail' ? stackOf(target) : undefined;
  const ifA = ifaceOf(source);
  const ifB = ifaceOf(target);
  const bridge = ifA?.iface.kind === 'bridge' ? ifA : ifB?.iface.kind === 'bridge' ? ifB : undefined;
  const jail = jailA ?? jailB;
  if (jail && bridge && (jailA ? ifB === bridge : ifA === bridge)) {
    const [endA, endB] = epairBetween(next, { stack: bridge.stack }, { stack: jail });
    (bridge.iface as Interface & { kind: 'bridge' }).members.push(endA.id);
    const gateway = bridgeGateway(bridge.iface);
    if (gateway) {
      const address = nextFreeAddress(next, gateway.cidr);
      if (address) endB.addresses.push(address);
      if (!jail.defaultGateway.ipv4) jail.defaultGateway.ipv4 = gateway.address;
    }
    return { ok: true, topology: next, created: [endA.id, endB.id] };
  }
  if (jailA && jailB) {
    if (jailA === jailB) return { ok: false, reason: 'A jail cannot be wired to itself.' };
    const [endA, endB] = epairBetween(next, { stack: jailA }, { stack: jailB });
    return { ok: true, topology: next, created: [endA.id, endB.id] };
  }
  const nic = ifA?.iface.kind === 'physical' ? ifA : undefined;
  if (nic && bridge === ifB && bridge) {
    if (nic.stack.id !== bridge.stack.id)
      return {
        ok: false,
        reason: `${nic.iface.name} and ${bridge.iface.name} are in different stacks; a bridge's members live in its stack.`,
      };
    (bridge.iface as Interface & { kind: 'bridge' }).members.push(nic.iface.id);
    return { ok: true, topology: next, created: [] };
  }
  if (nic && jailB) {
    nic.stack.interfaces = nic.stack.interfaces.filter((i) => i !== nic.iface);
    for (const s of next.stacks)
      for (const i of s.interfaces) if (i.kind === 'bridge') i.members = i.members.filter((m) => m !== nic.iface.id);
    jailB.interfaces.push(nic.iface);
    return { ok: true, topology: next, created: [] };
  }
  const lan =
    segmentOf(target)?.kind === 'lan'
      ? segmentOf(target)
      : segmentOf(source)?.kind === 'lan'
        ? segmentOf(source)
        : undefined;
  const nicForLan = nic ?? (ifB?.iface.kind === 'physical' ? ifB : undefined);
  if (lan?.kind === 'lan' && nicForLan) {
    lan.uplink = nicForLan.iface.id;
    return { ok: true, topology: next, created: [] };
  }
  const internet =
    segmentOf(source)?.kind === 'internet'
      ? segmentOf(source)
      : segmentOf(target)?.kind === 'internet'
        ? segmentOf(target)
        : undefined;
  if (internet?.kind === 'internet' && lan) {
    internet.via = lan.id;
    return { ok: true, topology: next, created: [] };
  }
  return {
    ok: false,
    reason:
      'These two cannot be wired together: connect a jail to a bridge or a jail, a NIC to a bridge, a jail or a LAN, or a LAN to the internet.',
  };
}

/** What else goes when `ids` go: an epair's other end, a jail's interfaces and child jails, a LAN's internet. */
function closure(t: Topology, ids: readonly string[]): Set<string> {
  const doomed = new Set<string>();
  const visit = (id: string) => {
    if (doomed.has(id)) return;
    doomed.add(id);
    const stack = t.stacks.find((s) => s.id === id);
    if (stack?.kind === 'jail') {
      for (const iface of stack.interfaces) if (iface.kind !== 'physical') visit(iface.id);
      for (const child of t.stacks) if (child.kind === 'jail' && child.parent === id) visit(child.id);
    }
    const iface = findInterface(t, id)?.iface;
    if (iface?.kind === 'epair') visit(iface.peer);
    if (iface?.kind === 'physical')
      for (const lan of t.segments) if (lan.kind === 'lan' && lan.uplink === id) visit(lan.id);
    const segment = t.segments.find((s) => s.id === id);
    if (segment?.kind === 'lan')
      for (const net of t.segments) if (net.kind === 'internet' && net.via === id) visit(net.id);
  };
  for (const id of ids) {
    // Edges of the drawing stand for objects: an epair line is the epair, a member line a membership.
    const edge = /^(epair|member|uplink|internet):(.+)$/.exec(id);
    if (edge?.[1] === 'epair' || edge?.[1] === 'internet') visit(edge[2]!);
    else if (!edge) visit(id);
  }
  return doomed;
}

/** Deletes nodes and edges of the drawing and everything that cannot exist without them. */
export function remove(t: Topology, ids: readonly string[]): Edit {
  const next = clone(t);
  const doomed = closure(next, ids);
  dropSharedIpEdges(next, ids);
  const unbridged = new Set(ids.flatMap((id) => /^member:(.+)$/.exec(id)?.[1] ?? []));
  const host = hostOf(next);
  for (const stack of next.stacks.filter((s) => doomed.has(s.id))) {
    // Hardware does not vanish with a jail: its NICs go back to the host.
    host.interfaces.push(...stack.interfaces.filter((i) => i.kind === 'physical'));
  }
  next.stacks = next.stacks.filter((s) => !doomed.has(s.id) || s.kind === 'host');
  for (const stack of next.stacks) {
    stack.interfaces = stack.interfaces.filter((i) => !doomed.has(i.id));
    stack.nat = stack.nat.filter((rule) => !doomed.has(rule.egress));
    // An interface route goes with its interface, as the kernel drops it (if_detach flushes its routes).
    stack.staticRoutes = stack.staticRoutes.filter((r) => r.interface === undefined || !doomed.has(r.interface));
    for (const iface of stack.interfaces)
      if (iface.kind === 'bridge') iface.members = iface.members.filter((m) => !doomed.has(m) && !unbridged.has(m));
  }
  next.segments = next.segments.filter((s) => !doomed.has(s.id));
  next.intents = next.intents.filter((i) =>
    isPairIntent(i) ? !doomed.has(i.from.id) && !doomed.has(i.to.id) : !doomed.has(i.subject.id),
  );
  for (const id of Object.keys(next.layout.positions)) if (doomed.has(id)) delete next.layout.positions[id];
  return { ok: true, topology: next, created: [] };
}

/** A shared-IP line of the drawing (sharedIpEdgeId) is the jail's addresses on that interface. */
function dropSharedIpEdges(t: Topology, ids: readonly string[]) {
  for (const id of ids) {
    const line = parseSharedIpEdgeId(t, id);
    if (!line) continue;
    const { jail, carrier } = line;
    for (const key of ['ip4', 'ip6'] as const) {
      const list = jail.sharedIp[key];
      if (list !== 'inherit') jail.sharedIp[key] = list.filter((a) => a.interface !== carrier);
    }
  }
}

/** Renames a jail, an interface or a segment; the validator says if the name breaks a rule. */
export function rename(t: Topology, id: string, name: string): Edit {
  const next = clone(t);
  const stack = next.stacks.find((s) => s.id === id);
  if (stack?.kind === 'jail') stack.name = name;
  else if (stack?.kind === 'host') stack.hostname = name;
  else {
    const iface = findInterface(next, id)?.iface;
    const segment = next.segments.find((s) => s.id === id);
    if (iface) iface.name = name;
    else if (segment) segment.name = name;
    else return { ok: false, reason: `There is nothing with id ${id} to rename.` };
  }
  return { ok: true, topology: next, created: [] };
}

/** Moves boxes on the canvas: layout only, never a change to apply. */
export function setPositions(t: Topology, positions: Readonly<Record<string, Position>>): Topology {
  return { ...t, layout: { positions: { ...t.layout.positions, ...positions } } };
}

type InterfacePatch = Partial<Pick<Interface, 'addresses' | 'description' | 'mtu' | 'up' | 'mac'>>;
type StackPatch = Partial<
  Pick<
    JailStack,
    'forwarding' | 'defaultGateway' | 'staticRoutes' | 'childrenMax' | 'hostname' | 'parent' | 'root' | 'sharedIp'
  >
>;

/** The inspector's edits: any field of an interface or a stack, checked by the validator afterwards. */
export function updateInterface(t: Topology, id: string, patch: InterfacePatch): Edit {
  const next = clone(t);
  const found = findInterface(next, id);
  if (!found) return { ok: false, reason: `There is no interface with id ${id}.` };
  Object.assign(found.iface, structuredClone(patch));
  for (const key of Object.keys(patch) as (keyof InterfacePatch)[])
    if (patch[key] === undefined) delete found.iface[key];
  return { ok: true, topology: next, created: [] };
}

export function updateStack(t: Topology, id: string, patch: StackPatch): Edit {
  const next = clone(t);
  const stack = next.stacks.find((s) => s.id === id);
  if (!stack) return { ok: false, reason: `There is no stack with id ${id}.` };
  if (stack.kind === 'host' && (patch.childrenMax !== undefined || 'parent' in patch))
    return { ok: false, reason: 'children.max and nesting are jail parameters; the host has neither.' };
  if (stack.kind === 'host' && 'root' in patch)
    return { ok: false, reason: "A root directory is a jail's; the host's root is its own /." };
  if (stack.kind === 'host' && 'hostname' in patch && !patch.hostname)
    return { ok: false, reason: 'The host needs a hostname.' };
  Object.assign(stack, structuredClone(patch));
  for (const key of Object.keys(patch) as (keyof StackPatch)[])
    if (patch[key] === undefined) delete (stack as Partial<JailStack>)[key];
  // Nesting a jail raises its new parent's children.max as needed (jail(8) refuses otherwise).
  if (stack.kind === 'jail' && stack.parent) fitChildrenMax(next, stack.parent);
  return { ok: true, topology: next, created: [] };
}

type SegmentPatch = { name?: string; cidr?: string; gateway?: string };

export function updateSegment(t: Topology, id: string, patch: SegmentPatch): Edit {
  const next = clone(t);
  const segment = next.segments.find((s) => s.id === id);
  if (!segment) return { ok: false, reason: `There is no segment with id ${id}.` };
  if (patch.name !== undefined) segment.name = patch.name;
  if (segment.kind === 'lan') {
    if (patch.cidr !== undefined) segment.cidr = patch.cidr;
    if (patch.gateway !== undefined) {
      if (patch.gateway === '') delete segment.gateway;
      else segment.gateway = patch.gateway;
    }
  }
  return { ok: true, topology: next, created: [] };
}
