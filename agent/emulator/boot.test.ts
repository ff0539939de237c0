import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { plan, type PlanOptions } from '../../core/plan/plan';
import { compilePf } from '../../core/pf/compile';
import { renderConfig } from '../../core/render/render-all';
import { internetOnly, isolatedNat, lab } from '../../core/templates/templates';
import type { Topology } from '../../core/topology/schema';
import { runPlan } from '../apply/run-plan';
import { readHost, type HostRead } from '../discovery/read-host';
import { nicsOf } from '../testing/provision';
import { bootFromFiles, bootFromFilesWithLog, type BootFile } from './boot';
import { FreebsdEmulator } from './emulator';
import { LOAD_PF_CONF, PATCHBAY_PF_HOOKS, pfConfFiles } from './pf/hooks';

// Issue 8's round trip: a host booted from the rendered files equals the host the live plan builds
// from the same design, both read back by discovery.

const DESIGNS: Record<string, () => Topology> = {
  'blog-network': blogNetwork,
  'isolated-nat': isolatedNat,
  'internet-only': internetOnly,
  'lab-4': () => lab(4),
};

const spec = (design: Topology) => ({ release: design.target.freebsd, hostname: 'host.example.org', nics: nicsOf(design) });

/** As plan-apply.property.test.ts: Patchbay's own objects are owned, NICs adopted, the uplink guard lifted. */
function optionsFor(read: HostRead, design: Topology): PlanOptions {
  const nics = design.stacks.flatMap((s) => s.interfaces.filter((i) => i.kind === 'physical').map((i) => `/${i.name}`));
  const jails = read.topology.stacks.flatMap((s) => (s.kind === 'jail' ? [s.id.replace(/^jail:/, '')] : []));
  return { owned: new Set(Object.keys(read.owned).filter((id) => read.owned[id])), ownedJails: new Set(jails), adopt: new Set(nics), allowUplinkChanges: true, pf: read.pf };
}

async function applyLive(design: Topology): Promise<FreebsdEmulator> {
  // For a design with pf rules the admin has added the hook lines to pf.conf, as the rendered lines
  // ask (rc.conf then enables pf); without them the anchors Patchbay loads are never evaluated.
  const usesPf = compilePf(design).size > 0;
  const host = new FreebsdEmulator({ ...spec(design), ...(usesPf ? { files: pfConfFiles(PATCHBAY_PF_HOOKS) } : {}) });
  if (usesPf) expect((await host.run({ argv: [...LOAD_PF_CONF] })).code).toBe(0);
  const bare = await readHost(host);
  const steps = plan(bare.topology, design, optionsFor(bare, design));
  expect(steps.refusals).toEqual([]);
  const result = await runPlan(host, steps);
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
 * Counters are not part of HostRead (discovery keeps only linkIndex for pairing, not in the result).
 * Nothing else is normalised: names, addresses, up/down, MTU, descriptions and Patchbay's mark,
 * epair pairing, jails and their parameters, routes, forwarding, pf state and anchors must match.
 */
function normalised(read: HostRead) {
  return {
    ...read,
    topology: {
      ...read.topology,
      stacks: read.topology.stacks.map((s) => ({
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

function files(design: Topology): BootFile[] {
  return renderConfig(design).map(({ path, content }) => ({ path, content }));
}

describe('booting the emulator from the rendered files', () => {
  for (const [name, make] of Object.entries(DESIGNS)) {
    it(`${name}: gives the host the live plan builds`, async () => {
      const design = make();
      const booted = bootFromFilesWithLog(files(design), spec(design));
      expect(booted.failures).toEqual([]);
      const fromBoot = await readHost(booted.host);
      const live = await readHost(await applyLive(design));
      expect(normalised(fromBoot)).toEqual(normalised(live));
    });

    it(`${name}: planning the design against the booted host has nothing to do`, async () => {
      const design = make();
      const host = bootFromFiles(files(design), spec(design));
      const read = await readHost(host);
      const again = plan(read.topology, design, optionsFor(read, design));
      expect(again.refusals).toEqual([]);
      expect(again.steps.map((s) => s.summary)).toEqual([]);
    });
  }

  it('runs rc and jail(8) in order, through the emulator\'s argv interface', () => {
    const design = blogNetwork();
    const { log } = bootFromFilesWithLog(files(design), spec(design));
    const lines = log.map((s) => `${s.request.jail ? `[${s.request.jail}] ` : ''}${s.request.argv.join(' ')}`);
    const at = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, line).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('ifconfig bridge0 create')).toBeLessThan(at('ifconfig bridge0 inet 10.0.0.1/24 up'));
    expect(at('ifconfig bridge0 inet 10.0.0.1/24 up')).toBeLessThan(at('ifconfig bridge0 description patchbay: jails'));
    expect(at('ifconfig bridge0 description patchbay: jails')).toBeLessThan(at('ifconfig bridge0 up'));
    expect(at('route add default 192.168.1.1')).toBeLessThan(at('pfctl -f /etc/pf.conf'));
    expect(at('pfctl -f /etc/pf.conf')).toBeLessThan(at('pfctl -eq'));
    // rc.d/jail hands each jail to jail(8) with its own file; jail(8) runs the exec.* lines itself.
    expect(at('pfctl -eq')).toBeLessThan(at('jail -i -f /etc/jail.conf.d/snort-jail.conf -c snort-jail'));
    expect(at('jail -i -f /etc/jail.conf.d/snort-jail.conf -c snort-jail')).toBeLessThan(at('jail -i -f /etc/jail.conf.d/www-jail.conf -c www-jail'));
    expect(at('jail -i -f /etc/jail.conf.d/www-jail.conf -c www-jail')).toBeLessThan(at('jail -i -f /etc/jail.conf.d/tor-relay.conf -c tor-relay'));
  });

  it('fails when a rendered file is broken', () => {
    const design = isolatedNat();
    const broken = files(design).map((f) => (f.path === '/etc/rc.conf' ? { ...f, content: f.content.replace('gateway_enable="YES"\n', '') } : f));
    const booted = bootFromFilesWithLog(broken, spec(design));
    expect(booted.failures).toEqual([]);
    return readHost(booted.host).then(async (read) => {
      const live = await readHost(await applyLive(design));
      expect(normalised(read)).not.toEqual(normalised(live));
      expect(plan(read.topology, design, optionsFor(read, design)).steps.map((s) => s.summary).length).toBeGreaterThan(0);
    });
  });
});
