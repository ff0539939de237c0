import { parsePrefix, type Addr } from '../net/addr';
import type { Topology } from '../topology/schema';
import type { AuditInterface } from './network';

// Where a shared-IP jail's addresses live in the audit: jail(8) adds each `ip4.addr` / `ip6.addr`
// given as `iface|addr` to that interface of the parent's stack when the jail starts
// (usr.sbin/jail/command.c, IP__IP4_IFADDR), and the jail then binds to the parent's stack. So the
// addresses are the parent stack's own, on that interface, loopback clone or not: a packet for one
// is delivered there (the Exposed view tells the jail by the address). An address given without an
// interface must already be on one (validated), and adds nothing.

/** Returns each placed address with the name of the jail it belongs to, for explanations. */
export function placeSharedIpAddresses(
  topology: Topology,
  interfaceById: ReadonlyMap<string, AuditInterface>,
): Map<Addr, string> {
  const owners = new Map<Addr, string>();
  for (const stack of topology.stacks) {
    if (stack.kind !== 'jail' || !stack.sharedIp) continue;
    for (const list of [stack.sharedIp.ip4, stack.sharedIp.ip6]) {
      if (list === 'inherit') continue;
      for (const { interface: id, address } of list) {
        const iface = id ? interfaceById.get(id) : undefined;
        const prefix = parsePrefix(address);
        if (!iface || !prefix) continue;
        if (!iface.addresses.some((p) => p.address === prefix.address)) iface.addresses.push(prefix);
        iface.stack.local.add(prefix.address);
        owners.set(prefix.address, stack.name);
      }
    }
  }
  return owners;
}
