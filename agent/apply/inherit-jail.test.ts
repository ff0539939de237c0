import { describe, expect, it } from 'vitest';
import { plan } from '../../core/plan/plan';
import { TOPOLOGY_VERSION, TopologySchema, type Topology } from '../../core/topology/schema';
import { readHost } from '../discovery/read-host';
import { applyPlan } from './apply-plan';
import { hostWith, optionsFor } from './emulated-pairs';

// A jail with ip4 = inherit, on the strict emulator: planned, applied, and read back by discovery as
// `"inherit"` (jls `ip4` reads "inherit"), not as a jail with no IPv4 (a restricted one reads
// "disable"), so the design it came from plans nothing more.

function design(jails: 'none' | 'both'): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: TOPOLOGY_VERSION,
    name: 'inherit',
    target: { freebsd: '14' },
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        defaultGateway: { ipv4: '192.168.1.1' },
        interfaces: [{ kind: 'physical', id: 'host:em0', name: 'em0', addresses: ['192.168.1.10/24'] }],
      },
      ...(jails === 'both'
        ? [
            { kind: 'jail', id: 'inh', name: 'inh', sharedIp: { ip4: 'inherit', ip6: 'inherit' } },
            { kind: 'jail', id: 'bare', name: 'bare', sharedIp: { ip4: [], ip6: [] } },
          ]
        : []),
    ],
  });
}

describe('a jail with ip4 = inherit, applied and discovered', () => {
  it('is read back as inherit, a jail without addresses as none, and plans nothing more', async () => {
    const [before, after] = [design('none'), design('both')];
    const host = await hostWith(before, after);
    const made = plan((await readHost(host)).topology, after, optionsFor(await readHost(host), [before, after]));
    expect(made.refusals).toEqual([]);
    expect(made.steps.map((s) => s.command.argv.join(' '))).toContainEqual(
      expect.stringMatching(/^jail -c name=inh .*ip4=inherit ip6=inherit/),
    );
    expect((await applyPlan(host, made)).failure).toBeUndefined();
    const back = await readHost(host);
    const jail = (name: string) => back.topology.stacks.find((s) => s.kind === 'jail' && s.name === name);
    expect(jail('inh')).toMatchObject({ sharedIp: { ip4: 'inherit', ip6: 'inherit' } });
    expect(jail('bare')).toMatchObject({ sharedIp: { ip4: [], ip6: [] } });
    const again = plan(back.topology, after, optionsFor(back, [before, after]));
    expect(again.steps).toEqual([]);
  });
});
