import { jailPath } from '../plan/indexed';
import { configureCalls, freshSettings, settingsOf, type IfconfigCall } from '../plan/interface-steps';
import { cableOfInterface, designedMac } from '../topology/cable';
import { withJailLoopbacks } from '../topology/jail-loopback';
import type { EpairEnd, Interface, JailStack, Stack, Topology } from '../topology/schema';
import { RenderError } from '../text/quote';

// Who creates what at boot. Bridges and loopbacks of the host, and epairs with both ends on the
// host, are rc.conf `cloned_interfaces` (docs/freebsd.md §10). An epair with an end in a jail is made by
// that jail's exec.prestart and destroyed by its exec.poststop, the practice of jib and Bastille
// (docs/freebsd.md §6, §1.2: `jib addm` in prestart, `ifconfig <host end> destroy` in poststop): the epair
// then lives exactly as long as the jail, and a jail restarted alone gets a fresh one. When both ends
// are in jails, the jail that starts first (parents first, then design order) makes it and the other
// is handed its end by `vnet.interface` at creation (jail.c moves vnet.interface right after create,
// §5.1); restarting the maker alone takes the link from the other jail (destroying either end
// destroys both, §1.2), so such jails are restarted together.

export interface Located {
  iface: Interface;
  stack: Stack;
  /** "" for the host, "parent.child" for a nested jail (jail(8) names). */
  path: string;
}

export interface BootModel {
  topology: Topology;
  host: Stack & { kind: 'host' };
  /** Jails in start order: depth first (each parent, then its children), siblings in design order. */
  jails: { jail: JailStack; path: string }[];
  byId: Map<string, Located>;
  /** epair a-end id → the path of the jail whose prestart makes it; "" when rc.conf does. */
  epairMaker: Map<string, string>;
}

export function bootModel(design: Topology): BootModel {
  // Every jail brings its lo0 up, drawn or not (core/topology/jail-loopback.ts).
  const topology = withJailLoopbacks(design);
  const host = topology.stacks.find((s): s is Stack & { kind: 'host' } => s.kind === 'host');
  if (!host) throw new RenderError('stacks', 'the design has no host stack');
  const pathOf = (stack: Stack) => (stack.kind === 'host' ? '' : jailPath(topology, stack));
  const byId = new Map<string, Located>();
  for (const stack of topology.stacks)
    for (const iface of stack.interfaces) byId.set(iface.id, { iface, stack, path: pathOf(stack) });
  // The order jails start at boot: rc.d/jail starts the top-level jails in jail_list order, and each
  // parent starts its children from its exec.poststart (jail-conf.ts), so a child comes right after
  // its parent, before the next top-level jail: depth first, siblings in design order.
  const all = topology.stacks.filter((s): s is JailStack => s.kind === 'jail');
  const jails: { jail: JailStack; path: string }[] = [];
  const visit = (parent: string | undefined, seen: Set<string>) => {
    for (const jail of all.filter(
      (j) => j.parent === parent || (parent === undefined && !all.some((p) => p.id === j.parent)),
    )) {
      if (seen.has(jail.id)) continue;
      seen.add(jail.id);
      jails.push({ jail, path: pathOf(jail) });
      visit(jail.id, seen);
    }
  };
  visit(undefined, new Set());
  const order = new Map(jails.map((j, i) => [j.path, i]));
  const epairMaker = new Map<string, string>();
  for (const [id, located] of byId) {
    const { iface } = located;
    if (iface.kind !== 'epair' || iface.end !== 'a') continue;
    const peer = byId.get(iface.peer);
    if (!peer || peer.iface.kind !== 'epair')
      throw new RenderError(`interface ${iface.name}`, `its peer "${iface.peer}" is not an epair end in the design`);
    const paths = [located.path, peer.path].filter((p) => p !== '');
    paths.sort((x, y) => order.get(x)! - order.get(y)!);
    epairMaker.set(id, paths[0] ?? '');
  }
  return { topology, host, jails, byId, epairMaker };
}

/** The a and b ends of the epair `end` belongs to. */
export function epairEnds(model: BootModel, end: EpairEnd): { a: Located; b: Located } {
  const self = model.byId.get(end.id)!;
  const peer = model.byId.get(end.peer)!;
  return end.end === 'a' ? { a: self, b: peer } : { a: peer, b: self };
}

/** Patchbay marks what it makes (never a NIC or lo0), as the live plan does (topology/ownership). */
function markable(iface: Interface): boolean {
  return iface.kind !== 'physical' && iface.name !== 'lo0';
}

/**
 * The ifconfig calls that take a freshly created (or freshly moved: no addresses, down, §1.5)
 * interface to its designed settings: the same calls the live plan makes (family first, one address
 * per call: core/plan/interface-steps.ts), the description with Patchbay's mark. An epair end gets
 * its MAC from the design, or the one Patchbay derives for the cable (core/topology/cable.ts).
 */
export function settingCalls(model: BootModel, iface: Interface): IfconfigCall[] {
  const cable = cableOfInterface((id) => model.byId.get(id)?.iface, iface);
  const mac = designedMac(model.host.hostname, iface, cable);
  return configureCalls(freshSettings(iface.kind), {
    ...settingsOf(iface, markable(iface), cable),
    ...(mac !== undefined ? { mac } : {}),
  });
}

export { markable };

/** Kernel names the bridge and loopback cloners hand out (`bridge0`, `lo1`); epairs' are in topology/cable.ts. */
export const KERNEL_CLONE = { bridge: /^bridge([0-9]+)$/, loopback: /^lo([0-9]+)$/ } as const;
