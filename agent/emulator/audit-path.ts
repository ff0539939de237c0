import { Auditor } from '../../core/audit/audit';
import type { AuditInterface, AuditNetwork } from '../../core/audit/network';
import { walk, type Probe } from '../../core/audit/walk';
import { isIpv4 } from '../../core/net/addr';
import { jailStackId, readHostSync } from '../discovery/read-host';
import { runOnState } from './emulator';
import { findInterface, findJail, HOST_VNET, type HostState } from './state';
import { structuralPath, type TrafficFlow, type TrafficEnd, type Hop, type PathFinder } from './traffic';

// Synthetic traffic that follows the audit's paths: the emulated host is discovered the way the
// agent reads a real one, the audit walks each flow through routes, epairs, bridges, nat and every
// stack's pf, and the counters of the interfaces the packet crossed are advanced, up to where pf
// drops it. So the live view and the audit tell the same story: a flow pf blocks at the host moves
// its jail's epair and the host's interfaces that took it in, and nothing beyond.
//
// Discovery and the audit are worked out once per change of the host (HostState.version, bumped by
// every command that may change it), not on every tick; the paths of a version are kept too.

/**
 * One probe stands for a flow's packets: TCP to 443. The demo's flows are web and Tor relay traffic
 * (HTTPS, and Tor relays commonly listen on 443), so a rule that lets "web" through or keeps it out
 * decides them the way it would decide the real thing; and a connection-oriented probe is what
 * `keep state`/`flags S/SA` rules are written for. The way a packet takes (routes, nat) does not
 * depend on the port unless a translation rule names one; only pf's verdicts do.
 */
const FLOW_PROBE: Probe = { proto: 'tcp', port: 443 };

interface Audited {
  version: number;
  /** Undefined when the emulator could not be read back (a bug): the flows then take the structural way. */
  auditor?: Auditor;
  /** The emulator's handle (Ifnet.index, not FreeBSD's ifindex) of each interface the audit knows. */
  indexOf: Map<AuditInterface, number>;
  /** And the other way round. */
  byIndex: Map<number, AuditInterface>;
  paths: Map<string, Hop[] | undefined>;
}

const cache = new WeakMap<HostState, Audited>();

function mapInterfaces(state: HostState, net: AuditNetwork): Pick<Audited, 'indexOf' | 'byIndex'> {
  // Discovery names the host's stack "host" and a jail's by the jail's full name (jailStackId).
  const vnets = new Map<string, number>([['host', HOST_VNET]]);
  for (const jail of state.jails.values()) vnets.set(jailStackId(jail.name), jail.vnet);
  const ifnets = new Map<string, number>();
  for (const ifnet of state.ifnets.values()) ifnets.set(`${ifnet.vnet}/${ifnet.name}`, ifnet.index);
  const indexOf = new Map<AuditInterface, number>();
  const byIndex = new Map<number, AuditInterface>();
  for (const stack of net.stacks) {
    const vnet = vnets.get(stack.id);
    if (vnet === undefined) continue;
    for (const iface of stack.interfaces) {
      const ifnet = ifnets.get(`${vnet}/${iface.name}`);
      if (ifnet === undefined) continue;
      indexOf.set(iface, ifnet);
      byIndex.set(ifnet, iface);
    }
  }
  return { indexOf, byIndex };
}

/** The audit of the host as it is now: read back through the emulator's own commands, once per version. */
function audited(state: HostState): Audited {
  const known = cache.get(state);
  if (known && known.version === state.version) return known;
  let entry: Audited;
  try {
    // runOnState: the emulator reading itself, so an injected fault (which is about what the agent
    // sees) does not stop the traffic, and the agent's call log stays the agent's.
    const read = readHostSync((request) => runOnState(state, request));
    const auditor = new Auditor(read.topology, 'as-read');
    entry = { version: state.version, auditor, ...mapInterfaces(state, auditor.net), paths: new Map() };
  } catch {
    // Discovery reads back what the emulator prints; failing to is a bug to fix there, but the demo's
    // traffic (ticked from a timer) must not stop or throw because of it.
    entry = { version: state.version, indexOf: new Map(), byIndex: new Map(), paths: new Map() };
  }
  cache.set(state, entry);
  return entry;
}

function endInterface(state: HostState, entry: Audited, end: TrafficEnd): AuditInterface | undefined {
  const vnet = end.jail === undefined ? HOST_VNET : findJail(state, end.jail)?.vnet;
  const ifnet = vnet === undefined ? undefined : findInterface(state, vnet, end.ifname);
  return ifnet && entry.byIndex.get(ifnet.index);
}

function destination(state: HostState, entry: Audited, net: AuditNetwork, to: TrafficFlow['to']): number | undefined {
  if (to === 'uplink') {
    // The internet; a design without one is probed at its first LAN. A discovered host has neither
    // (discovery reads no segments): the internet's sample address then goes where the host's
    // routes send it, out of the uplink NIC, which is as far as the model reaches.
    if (net.hasInternet) return net.internetSample;
    return net.lans[0]?.sample ?? net.internetSample;
  }
  // Flows are IPv4 (the traffic counters' model): the interface's first IPv4 address.
  return endInterface(state, entry, to)
    ?.addresses.map((p) => p.address)
    .find(isIpv4);
}

function find(state: HostState, entry: Audited, flow: TrafficFlow): Hop[] | undefined {
  const net = entry.auditor!.net;
  const source = endInterface(state, entry, flow.from);
  const dst = destination(state, entry, net, flow.to);
  if (!source || dst === undefined) return undefined;
  // The flow's own address as the source, so pf judges it by who sends it; the stack still routes by
  // destination, as the kernel does, so the packet may leave by another interface than `from`.
  const src = source.addresses.map((p) => p.address).find(isIpv4);
  const trip = walk(net, { kind: 'stack', stack: source.stack }, dst, FLOW_PROBE, {
    trace: true,
    pf: entry.auditor!.pf,
    ...(src !== undefined ? { src } : {}),
  });
  const hops: Hop[] = [];
  for (const { iface, direction } of trip.crossed) {
    const index = entry.indexOf.get(iface);
    if (index !== undefined) hops.push({ index, direction });
  }
  // Nothing crossed: no route out, the egress is down, or the address is the source's own.
  return hops.length > 0 ? hops : undefined;
}

function key(flow: TrafficFlow): string {
  const end = (e: TrafficEnd) => `${e.jail ?? ''}\0${e.ifname}`;
  return `${end(flow.from)}\0${flow.to === 'uplink' ? 'uplink' : end(flow.to)}`;
}

/**
 * The hops the audit says a flow's packets take: tx on the sending end, rx on the receiving end,
 * forward on a bridge that switches the frame, rx on a bridge whose stack takes the packet in. A
 * flow pf blocks stops where it is blocked (its last hop is the interface it arrived on); undefined
 * only when the flow cannot even leave its source.
 */
export const auditPath: PathFinder = (state, flow) => {
  const entry = audited(state);
  if (!entry.auditor) return structuralPath(state, flow);
  const id = key(flow);
  if (entry.paths.has(id)) return entry.paths.get(id);
  const hops = find(state, entry, flow);
  entry.paths.set(id, hops);
  return hops;
};
