import type { PlanOptions } from '../../core/plan/plan';
import type { Topology } from '../../core/topology/schema';
import type { HostRead } from '../discovery/read-host';
import { FreebsdEmulator } from '../emulator/emulator';
import { nicsOf, provision } from '../testing/provision';

// Test support for the property tests: an emulated host built to one generated topology (`actual`)
// with every NIC either topology names, ready to be planned towards another (`desired`).

export function freshHost(actual: Topology, desired: Topology): FreebsdEmulator {
  const nics = new Map([...nicsOf(actual), ...nicsOf(desired)].map((n) => [n.name, n]));
  return new FreebsdEmulator({
    release: desired.target.freebsd,
    hostname: 'host.example.org',
    nics: [...nics.values()],
    bridgePfilDefault15: 1,
  });
}

export async function hostWith(actual: Topology, desired: Topology): Promise<FreebsdEmulator> {
  const host = freshHost(actual, desired);
  await provision(host, actual);
  return host;
}

/** NICs of both topologies (as adopt keys): provisioned hosts count them as the design's to change. */
export function nicKeys(topologies: Topology[]): string[] {
  return topologies.flatMap((t) =>
    t.stacks.flatMap((s) => s.interfaces.filter((i) => i.kind === 'physical').map((i) => `/${i.name}`)),
  );
}

/** Everything provisioned counts as Patchbay's; NICs are adopted and the uplink guard is lifted. */
export function optionsFor(read: HostRead, topologies: Topology[]): PlanOptions {
  const jails = read.topology.stacks.flatMap((s) => (s.kind === 'jail' ? [s.id.replace(/^jail:/, '')] : []));
  return {
    owned: new Set(Object.keys(read.owned).filter((id) => read.owned[id])),
    ownedJails: new Set(jails),
    adopt: new Set(nicKeys(topologies)),
    allowUplinkChanges: true,
    pf: read.pf,
  };
}
