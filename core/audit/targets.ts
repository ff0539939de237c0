import { parseAddr, scopeOf, type Addr, type AddrFamily } from '../net/addr';
import type { AuditNetwork, AuditStack } from './network';
import { inheritsFamily } from './shared-jails';
import type { Place, Probe } from './walk';

// Where a question's destination is probed, per family: the internet and the LAN at their probe
// addresses (probe-addresses.ts), the host at its addresses, a jail at its first one, a typed
// address as written. "No IPv6 here" is told apart from a missing destination (issue 17, defect 8).

/**
 * Where to: a LAN (the first when no id), the internet, the host, a jail, or a typed address; with
 * `probe`, only that protocol and port is asked (an intent's tcp/22), not every probe.
 */
export type Destination =
  | { kind: 'lan'; id?: string; probe?: Probe }
  | { kind: 'internet'; probe?: Probe }
  | { kind: 'host'; probe?: Probe }
  | { kind: 'stack'; id: string }
  | { kind: 'address'; address: string; probe?: Probe };

export interface Targets {
  addresses: Addr[];
  at?: Place;
  probe?: Probe;
  missing?: string;
  /** The destination has no IPv6 address (or prefix): "no IPv6 here", not a no-route. */
  noIpv6?: true;
  /** A link-local destination's `%zone`. */
  zone?: string;
}

/** Every address of the stack's interfaces but its loopbacks', in order. */
export function interfaceAddresses(stack: AuditStack): Addr[] {
  return stack.interfaces.filter((i) => i.kind !== 'loopback').flatMap((i) => i.addresses.map((p) => p.address));
}

/** The stack's IPv6 addresses that reach beyond one link: global and unique-local, never link-local or ::1. */
export function routableAddresses6(stack: AuditStack): bigint[] {
  // A shared-IP jail has the addresses it is restricted to (`local`), not those of the interfaces
  // it shares: its parent's would aim its IPv6 column at the parent (as primaryAddress does for IPv4).
  if (stack.shares && inheritsFamily(stack, 6)) return routableAddresses6(stack.shares);
  const own = stack.shares ? [...stack.local] : interfaceAddresses(stack);
  return own.filter((a): a is bigint => typeof a === 'bigint' && (scopeOf(a) === 'global' || scopeOf(a) === 'private'));
}

/** The first IPv4 address of the first interface (not a loopback) that has one. */
export function primaryAddress(stack: AuditStack): number | undefined {
  // A shared-IP jail is reached at its own first address, not at the interfaces it shares.
  if (stack.shares && inheritsFamily(stack, 4)) return primaryAddress(stack.shares);
  if (stack.shares) return [...stack.local].find((a): a is number => typeof a === 'number');
  for (const iface of stack.interfaces) {
    if (iface.kind === 'loopback') continue;
    for (const p of iface.addresses) if (typeof p.address === 'number') return p.address;
  }
  return undefined;
}

/** `hostCache` keeps the host's addresses per family: every jail's row asks for them. */
export function targetsOf(
  net: AuditNetwork,
  destination: Destination,
  family: AddrFamily,
  hostCache: Map<AddrFamily, Addr[]>,
): Targets {
  if (destination.kind === 'address') {
    const parsed = parseAddr(destination.address);
    if (!parsed) return { addresses: [], missing: `"${destination.address}" is not an IPv4 or IPv6 address` };
    return {
      addresses: [parsed.address],
      ...(parsed.zone !== undefined ? { zone: parsed.zone } : {}),
      ...(destination.probe ? { probe: destination.probe } : {}),
    };
  }
  if (destination.kind !== 'stack' && destination.probe) {
    const { probe, ...whole } = destination;
    const targets = targetsOf(net, whole, family, hostCache);
    return targets.missing === undefined ? { ...targets, probe } : targets;
  }
  const v6 = family === 6;
  const none = (missing: string): Targets => ({ addresses: [], missing, ...(v6 ? { noIpv6: true as const } : {}) });
  const named = v6 ? 'IPv6' : 'IPv4';
  switch (destination.kind) {
    case 'internet':
      if (!net.hasInternet) return { addresses: [], missing: 'the design has no internet segment' };
      if (v6 && !net.hasInternet6) return none('no LAN in front of the internet has an IPv6 prefix');
      return { addresses: [v6 ? net.internetSample6 : net.internetSample], at: { kind: 'internet' } };
    case 'lan': {
      const lan = destination.id ? net.lans.find((l) => l.id === destination.id) : net.lans[0];
      if (!lan) return { addresses: [], missing: 'the design has no LAN segment' };
      const sample = v6 ? lan.sample6 : lan.sample;
      return sample === undefined
        ? none(`${lan.name} has no IPv6 prefix`)
        : { addresses: [sample], at: { kind: 'lan', lan } };
    }
    case 'host': {
      const host = net.stacks.find((s) => s.kind === 'host');
      if (!host) return { addresses: [], missing: 'the design has no host stack' };
      let own = hostCache.get(family);
      if (!own) {
        own = v6 ? routableAddresses6(host) : interfaceAddresses(host).filter((a) => typeof a === 'number');
        hostCache.set(family, own);
      }
      // A new design's host has no address yet: there is nothing to aim at (issue 16's crash).
      return own.length
        ? { addresses: own, at: { kind: 'stack', stack: host } }
        : none(`the host ${host.label} has no ${named} address`);
    }
    case 'stack': {
      const stack = net.stackById.get(destination.id);
      if (!stack) return { addresses: [], missing: `there is no jail "${destination.id}"` };
      // `ip4 = inherit`: the jail listens on its parent's addresses, and what arrives there arrives
      // in the parent's stack (shared-jails.ts), so it is asked as its parent is.
      if (stack.shares && inheritsFamily(stack, family))
        return targetsOf(
          net,
          stack.shares.kind === 'host' ? { kind: 'host' } : { kind: 'stack', id: stack.shares.id },
          family,
          hostCache,
        );
      const primary = v6 ? routableAddresses6(stack)[0] : primaryAddress(stack);
      return primary === undefined
        ? none(`${stack.label} has no ${named} address`)
        : { addresses: [primary], at: { kind: 'stack', stack } };
    }
  }
}
