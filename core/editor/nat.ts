import { formatIpv4, inPrefix4, network4, prefix4, type Prefix4 } from '../net/ipv4';
import type { Stack, Topology } from '../topology/schema';
import type { Edit } from './actions';

// Sharing a NIC's address with the jails behind the host: a nat rule on the host
// (`nat on em0 from 10.0.0.0/24 to any -> (em0)`, core/pf/compile.ts). Without it a jail's packet
// leaves with its private source and the LAN's router has no way to send the reply back.

const overlaps = (a: Prefix4, b: Prefix4) =>
  inPrefix4(a.address, b.address, Math.min(a.bits, b.bits)) ||
  inPrefix4(b.address, a.address, Math.min(a.bits, b.bits));

const text = (p: Prefix4) => `${formatIpv4(network4(p))}/${p.bits}`;

function hostOf(t: Topology): Stack | undefined {
  return t.stacks.find((s) => s.kind === 'host');
}

/**
 * The IPv4 networks of the jails that route through the host, in CIDR form: the networks of the
 * host's bridges and epair ends (the jails' gateways live there), and those the host reaches by a
 * static route through one of them (a jail routing a network of its own). The LANs are left out:
 * they are what the jails talk to, not who hides behind the NIC.
 */
export function jailNetworks(t: Topology): string[] {
  const host = hostOf(t);
  if (!host) return [];
  const lans = t.segments.flatMap((s) => (s.kind === 'lan' ? (prefix4(s.cidr) ?? []) : []));
  const connected = host.interfaces
    .filter((i) => i.kind === 'bridge' || i.kind === 'epair')
    .flatMap((i) => i.addresses.flatMap((a) => prefix4(a) ?? []))
    .filter((p) => p.bits < 32 && !lans.some((lan) => overlaps(lan, p)));
  const routed = host.staticRoutes.flatMap((route) => {
    const destination = prefix4(route.destination);
    // An interface route (`-iface`) through the host's own bridge or epair leads to jails too.
    if (route.interface !== undefined) {
      const iface = host.interfaces.find((i) => i.id === route.interface);
      return destination && (iface?.kind === 'bridge' || iface?.kind === 'epair') ? [destination] : [];
    }
    if (route.gateway === undefined) return [];
    const gateway = prefix4(route.gateway);
    const viaJail = gateway && connected.some((net) => inPrefix4(gateway.address, net.address, net.bits));
    return viaJail && destination ? [destination] : [];
  });
  const networks = new Map<string, Prefix4>();
  for (const net of [...connected, ...routed])
    if (!lans.some((lan) => overlaps(lan, net))) networks.set(text(net), net);
  return [...networks.keys()];
}

/** The host NICs that have a nat rule, with the networks each one covers. */
export function natByNic(t: Topology): Map<string, string[]> {
  return new Map((hostOf(t)?.nat ?? []).map((rule) => [rule.egress, rule.sources]));
}

/**
 * Turns nat on a host NIC on (covering every jail network: `jailNetworks`) or off. Refused, with the
 * reason, for anything but a physical NIC of the host (Patchbay writes nat to the host's pf only) and
 * when there is no jail network to cover. Turning on a NIC that has nat brings its sources up to date.
 */
export function setNat(t: Topology, nicId: string, on: boolean): Edit {
  const host = hostOf(t);
  const nic = host?.interfaces.find((i) => i.id === nicId);
  if (!host || !nic) {
    const elsewhere = t.stacks.some((s) => s.interfaces.some((i) => i.id === nicId));
    return {
      ok: false,
      reason: elsewhere
        ? `nat: ${nicId} is inside a jail; Patchbay writes nat to the host's pf only, so share a NIC of the host.`
        : `nat: there is no interface with id ${nicId}.`,
    };
  }
  if (nic.kind !== 'physical')
    return { ok: false, reason: `nat: ${nic.name} is a ${nic.kind}; nat shares the address of a physical NIC.` };
  const others = host.nat.filter((rule) => rule.egress !== nicId);
  if (!on) {
    if (others.length === host.nat.length) return { ok: true, topology: t, created: [] };
    return { ok: true, topology: withHostNat(t, host, others), created: [] };
  }
  const sources = jailNetworks(t);
  if (sources.length === 0)
    return {
      ok: false,
      reason: `nat on ${nic.name}: no jail network routes through the host yet; give a bridge or epair on the host an IPv4 address first.`,
    };
  const current = host.nat.find((rule) => rule.egress === nicId);
  if (current && current.sources.join() === sources.join()) return { ok: true, topology: t, created: [] };
  const rule = { egress: nicId, sources };
  const nat = current ? host.nat.map((r) => (r === current ? rule : r)) : [...host.nat, rule];
  return { ok: true, topology: withHostNat(t, host, nat), created: [] };
}

function withHostNat(t: Topology, host: Stack, nat: Stack['nat']): Topology {
  return { ...t, stacks: t.stacks.map((s) => (s === host ? { ...s, nat: structuredClone(nat) } : s)) };
}
