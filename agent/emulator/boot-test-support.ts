import { expect } from 'vitest';
import { plan, type PlanOptions } from '../../core/plan/plan';
import { compilePf } from '../../core/pf/compile';
import { renderConfig } from '../../core/render/render-all';
import type { Topology } from '../../core/topology/schema';
import { applyPlan } from '../apply/apply-plan';
import { readHost, type HostRead } from '../discovery/read-host';
import { nicsOf } from '../testing/provision';
import type { BootFile } from './boot';
import { FreebsdEmulator } from './emulator';
import { LOAD_PF_CONF, PATCHBAY_PF_HOOKS, pfConfFiles } from './pf/hooks';

// Test support for the boot round trip (boot.test.ts, boot.property.test.ts): a design applied
// live by the planner, the same design's files, and the read-back with what may differ removed.

export const spec = (design: Topology) => ({
  release: design.target.freebsd,
  hostname: 'host.example.org',
  nics: nicsOf(design),
  bridgePfilDefault15: 1 as const,
});

/** As plan-apply.property.test.ts: Patchbay's own objects are owned, NICs adopted, the uplink guard lifted. */
export function optionsFor(read: HostRead, design: Topology): PlanOptions {
  const nics = design.stacks.flatMap((s) => s.interfaces.filter((i) => i.kind === 'physical').map((i) => `/${i.name}`));
  const jails = read.topology.stacks.flatMap((s) => (s.kind === 'jail' ? [s.id.replace(/^jail:/, '')] : []));
  return {
    owned: new Set(Object.keys(read.owned).filter((id) => read.owned[id])),
    ownedJails: new Set(jails),
    adopt: new Set(nics),
    allowUplinkChanges: true,
    pf: read.pf,
  };
}

export async function applyLive(design: Topology): Promise<FreebsdEmulator> {
  // For a design with pf rules the admin has added the hook lines to pf.conf, as the rendered lines
  // ask (rc.conf then enables pf); without them the anchors Patchbay loads are never evaluated.
  const usesPf = compilePf(design).size > 0;
  const host = new FreebsdEmulator({ ...spec(design), ...(usesPf ? { files: pfConfFiles(PATCHBAY_PF_HOOKS) } : {}) });
  if (usesPf) expect((await host.run({ argv: [...LOAD_PF_CONF] })).code).toBe(0);
  const bare = await readHost(host);
  const steps = plan(bare.topology, design, optionsFor(bare, design));
  expect(steps.refusals).toEqual([]);
  const result = await applyPlan(host, steps);
  expect(result.failure).toBeUndefined();
  // The live plan never turns pf on (plan.ts notes it and leaves `pfctl -e` to the user), while the
  // rendered rc.conf sets pf_enable="YES", so the boot turns it on. The live side does what the
  // plan's note tells the user, so pf's on/off state is compared rather than normalised away.
  if (steps.notes.some((n) => n.includes('pfctl -e'))) {
    expect((await host.run({ argv: ['pfctl', '-e'] })).code).toBe(0);
  }
  return host;
}

/**
 * What may legitimately differ between the two hosts, removed explicitly:
 * - MAC addresses: bridges and epairs get generated MACs from the emulator's seeded generator, in
 *   creation order, and boot creates them in another order than the plan (per jail, not all first);
 * - interface order within a stack: `ifconfig -a` lists by ifindex, i.e. creation order, which
 *   carries no configuration (indexes themselves are not in the read model);
 * - the order of a bridge's members: the order `addm` ran in, not configuration;
 * - the order of jails: the order they were created in (jids), not configuration;
 * Counters are not part of HostRead (discovery reads no counters), so they need no removing.
 * Nothing else is normalised: names, addresses, up/down, MTU, descriptions and Patchbay's mark,
 * epair pairing, jails and their parameters, routes, forwarding, pf state and anchors must match.
 */
export function normalised(read: HostRead) {
  return {
    ...read,
    topology: {
      ...read.topology,
      // Jails in creation order (jid order): boot starts a nested jail right after its parent,
      // the live plan after all top-level jails. Order is not configuration.
      stacks: [...read.topology.stacks]
        .sort((a, b) => (a.kind === 'host' ? -1 : b.kind === 'host' ? 1 : a.id.localeCompare(b.id)))
        .map((s) => ({
          ...s,
          interfaces: s.interfaces
            .map((i) => {
              const { mac: _mac, ...rest } = i;
              return rest.kind === 'bridge' ? { ...rest, members: [...rest.members].sort() } : rest;
            })
            .sort((a, b) => a.id.localeCompare(b.id)),
        })),
    },
  };
}

export function files(design: Topology): BootFile[] {
  return renderConfig(design).map(({ path, content }) => ({ path, content }));
}
