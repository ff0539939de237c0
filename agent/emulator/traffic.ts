import { findInterface, findJail, HOST_VNET, type Counters, type HostState, type Ifnet } from './state';

// Synthetic traffic: flows that advance the counters of every interface they cross on each tick,
// following FreeBSD's counter semantics (docs/freebsd.md §4): an epair's sending end counts output and its
// peer counts the same input; a bridge counts the frames it forwards as its own input.

export interface TrafficEnd {
  /** Jail name; absent for the host. */
  jail?: string;
  /** Interface name inside that stack. */
  ifname: string;
}

export interface TrafficFlow {
  id: string;
  from: TrafficEnd;
  /** Where the traffic is going; `'uplink'` means out of the host through a physical NIC. */
  to: TrafficEnd | 'uplink';
  bytesPerSecond: number;
  packetsPerSecond: number;
}

/** One counter bump: sent by, received by, or forwarded by (a bridge) an interface. */
export interface Hop {
  index: number;
  direction: 'tx' | 'rx' | 'forward';
}

/**
 * Finds the hops a flow takes. The structural finder below follows layer 2 and forwarding flags
 * only; the audit's path (`auditPath` in audit-path.ts: routes, nat and every stack's pf, stopping
 * where pf blocks) is what the running demo uses.
 */
export type PathFinder = (state: HostState, flow: TrafficFlow) => Hop[] | undefined;

function resolve(state: HostState, end: TrafficEnd): Ifnet | undefined {
  const vnet = end.jail === undefined ? HOST_VNET : findJail(state, end.jail)?.vnet;
  return vnet === undefined ? undefined : findInterface(state, vnet, end.ifname);
}

function forwards(state: HostState, vnet: number): boolean {
  return state.vnets.get(vnet)?.sysctls.get('net.inet.ip.forwarding') === '1';
}

/** Breadth-first over links: epair peers, bridge forwarding, and routing inside a forwarding stack. */
export const structuralPath: PathFinder = (state, flow) => {
  const source = resolve(state, flow.from);
  const target = flow.to === 'uplink' ? undefined : resolve(state, flow.to);
  if (!source || (flow.to !== 'uplink' && !target)) return undefined;
  const done = (ifnet: Ifnet) => (target ? ifnet.index === target.index : false);
  // Each search state: a frame sent out of `ifnet`, with the hops taken so far.
  const queue: { sent: Ifnet; hops: Hop[] }[] = [{ sent: source, hops: [{ index: source.index, direction: 'tx' }] }];
  const seen = new Set<number>([source.index]);
  const up = (i: Ifnet | undefined): i is Ifnet => i !== undefined && i.up;
  while (queue.length > 0) {
    const { sent, hops } = queue.shift()!;
    if (flow.to === 'uplink' && sent.kind === 'physical') return hops;
    const arrived = sent.peer !== undefined ? state.ifnets.get(sent.peer) : undefined;
    if (!up(arrived)) continue;
    const path = [...hops, { index: arrived.index, direction: 'rx' as const }];
    if (done(arrived)) return path;
    const next: { out: Ifnet; via: Hop[] }[] = [];
    const bridge = [...state.ifnets.values()].find((b) => b.kind === 'bridge' && b.members.includes(arrived.index));
    if (bridge && bridge.up) {
      const forwarded = { index: bridge.index, direction: 'forward' as const };
      if (done(bridge)) return [...path, forwarded];
      for (const member of bridge.members.map((m) => state.ifnets.get(m)))
        if (up(member) && member !== arrived) next.push({ out: member, via: [forwarded] });
      // Delivered to the bridge's own stack, which may route it on.
      if (forwards(state, bridge.vnet)) for (const out of routable(state, bridge)) next.push({ out, via: [forwarded] });
    } else if (forwards(state, arrived.vnet)) {
      for (const out of routable(state, arrived)) next.push({ out, via: [] });
    }
    for (const { out, via } of next) {
      if (seen.has(out.index)) continue;
      seen.add(out.index);
      const sentHops = [
        ...path,
        ...via,
        ...(out.kind === 'bridge' ? [] : [{ index: out.index, direction: 'tx' as const }]),
      ];
      if (out.kind === 'bridge') {
        for (const member of out.members.map((m) => state.ifnets.get(m))) {
          if (up(member) && !seen.has(member.index))
            queue.push({
              sent: member,
              hops: [...sentHops, { index: out.index, direction: 'tx' }, { index: member.index, direction: 'tx' }],
            });
        }
        if (done(out)) return sentHops;
      } else queue.push({ sent: out, hops: sentHops });
    }
  }
  return undefined;
};

/** Interfaces with an address in the same stack, other than the one the packet came in on. */
function routable(state: HostState, from: Ifnet): Ifnet[] {
  return [...state.ifnets.values()].filter(
    (i) => i.vnet === from.vnet && i !== from && i.up && i.addresses.length > 0 && i.kind !== 'loopback',
  );
}

const FIELDS: Record<Hop['direction'], [keyof Counters, keyof Counters]> = {
  tx: ['opackets', 'obytes'],
  rx: ['ipackets', 'ibytes'],
  forward: ['ipackets', 'ibytes'],
};

/** Advances every flow by `seconds`; returns the ids of flows that found no path this tick. */
export function tick(
  state: HostState,
  flows: readonly TrafficFlow[],
  seconds: number,
  findPath: PathFinder = structuralPath,
): string[] {
  const stranded: string[] = [];
  state.clock += seconds;
  for (const flow of flows) {
    const hops = findPath(state, flow);
    if (!hops) {
      stranded.push(flow.id);
      continue;
    }
    const packets = BigInt(Math.round(flow.packetsPerSecond * seconds));
    const bytes = BigInt(Math.round(flow.bytesPerSecond * seconds));
    for (const hop of hops) {
      const counters = state.ifnets.get(hop.index)?.counters;
      if (!counters) continue;
      const [packetField, byteField] = FIELDS[hop.direction];
      counters[packetField] += packets;
      counters[byteField] += bytes;
    }
  }
  return stranded;
}
