import { describe, expect, it } from 'vitest';
import { plan } from '../../core/plan/plan';
import { renderRcConf } from '../../core/render/rc-conf';
import { semanticView } from '../../core/topology/semantic-view';
import { TOPOLOGY_VERSION, TopologySchema, type Topology } from '../../core/topology/schema';
import { readHost } from '../discovery/read-host';
import { applyPlan } from './apply-plan';
import { hostWith, optionsFor } from './emulated-pairs';

// Round trip on the strict emulator: a design with interface routes and interface groups is
// planned, applied, read back by discovery equal to the design, and undone to the host before.

interface Extras {
  /** The jail's route to 10.9.0.0/24: through a gateway on its bridge, or straight onto its epair end. */
  jailRoute: 'gateway' | 'iface';
  groups: boolean;
  hostRoute: boolean;
}

function design({ jailRoute, groups, hostRoute }: Extras): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: TOPOLOGY_VERSION,
    name: 'routes',
    target: { freebsd: '14' },
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        forwarding: { ipv4: true, ipv6: false },
        defaultGateway: { ipv4: '192.168.1.1' },
        staticRoutes: hostRoute ? [{ destination: '172.21.0.0/24', interface: 'host:bridge0' }] : [],
        interfaces: [
          { kind: 'physical', id: 'host:em0', name: 'em0', addresses: ['192.168.1.10/24'] },
          { kind: 'epair', id: 'host:e0a', name: 'e0a_web', end: 'a', peer: 'web:e0b', addresses: [] },
          {
            kind: 'bridge',
            id: 'host:bridge0',
            name: 'bridge0',
            addresses: ['10.0.0.1/24'],
            members: ['host:e0a'],
            ...(groups ? { groups: ['jail_bridges'] } : {}),
          },
        ],
      },
      {
        kind: 'jail',
        id: 'web',
        name: 'web',
        defaultGateway: { ipv4: '10.0.0.1' },
        staticRoutes: [
          jailRoute === 'iface'
            ? { destination: '10.9.0.0/24', interface: 'web:e0b' }
            : { destination: '10.9.0.0/24', gateway: '10.0.0.3' },
        ],
        interfaces: [
          {
            kind: 'epair',
            id: 'web:e0b',
            name: 'e0b_web',
            end: 'b',
            peer: 'host:e0a',
            addresses: ['10.0.0.2/24'],
            ...(groups ? { groups: ['dmz', 'web_ext'] } : {}),
          },
        ],
      },
    ],
  });
}

const before = design({ jailRoute: 'gateway', groups: false, hostRoute: false });
const after = design({ jailRoute: 'iface', groups: true, hostRoute: true });

/** What discovery and the design agree on: loopbacks and MACs aside (the kernel adds and derives them). */
function seen(topology: Topology) {
  const view = semanticView(topology);
  for (const stack of Object.values(view))
    for (const [name, iface] of Object.entries(stack.interfaces)) {
      if (iface.kind === 'loopback') delete stack.interfaces[name];
      else delete iface.mac;
    }
  return view;
}

describe('interface routes and groups, applied on the emulator', () => {
  it('applies them, reads them back equal to the design, and plans nothing more', async () => {
    const host = await hostWith(before, after);
    const read = await readHost(host);
    const made = plan(read.topology, after, optionsFor(read, [before, after]));
    expect(made.refusals).toEqual([]);
    const commands = made.steps.map(
      (s) => `${s.command.jail ? `[${s.command.jail}] ` : ''}${s.command.argv.join(' ')}`,
    );
    expect(commands).toEqual([
      // The gateway route to 10.9.0.0/24 goes first (route-remove), the interface route comes last.
      '[web] route delete 10.9.0.0/24',
      '[web] ifconfig e0b_web group dmz group web_ext',
      'ifconfig bridge0 group jail_bridges',
      // Provisioning left the jail's lo0 down; every jail's lo0 is brought up (jail-loopback.ts).
      '[web] ifconfig lo0 inet 127.0.0.1/8 alias up',
      'route add 172.21.0.0/24 -iface bridge0',
      '[web] route add 10.9.0.0/24 -iface e0b_web',
    ]);
    const result = await applyPlan(host, made);
    expect(result.failure).toBeUndefined();
    const back = await readHost(host);
    expect(seen(back.topology)).toEqual(seen(after));
    expect(seen(back.topology)['web']?.staticRoutes).toEqual(
      ['10.9.0.0/24 -iface e0b_web', 'default via 10.0.0.1'].slice(0, 1),
    );
    expect(seen(back.topology)['web']?.interfaces['e0b_web']?.groups).toEqual(['dmz', 'web_ext']);
    expect(plan(back.topology, after, optionsFor(back, [before, after])).steps).toEqual([]);
  });

  it('a failure at the last step undoes every earlier one: the host is as it was', async () => {
    const host = await hostWith(before, after);
    const read = await readHost(host);
    const { steps } = plan(read.topology, after, optionsFor(read, [before, after]));
    host.failCall(steps.length - 1);
    const result = await applyPlan(host, { steps });
    expect(result.ok).toBe(false);
    expect(result.reverted.filter((r) => !r.ok)).toEqual([]);
    expect(seen((await readHost(host)).topology)).toEqual(seen(read.topology));
  });

  it('taken back out: leaves the groups, deletes the interface routes, puts the gateway route back', async () => {
    const host = await hostWith(after, before);
    const read = await readHost(host);
    expect(seen(read.topology)).toEqual(seen(after));
    const back = plan(read.topology, before, optionsFor(read, [before, after]));
    expect(back.refusals).toEqual([]);
    expect((await applyPlan(host, back)).failure).toBeUndefined();
    expect(seen((await readHost(host)).topology)).toEqual(seen(before));
  });

  it("rc.conf for the design: the host's interface route and its bridge's group", () => {
    const text = renderRcConf(after);
    expect(text).toContain('static_routes="patchbay0"');
    expect(text).toContain('route_patchbay0="-net 172.21.0.0/24 -iface bridge0"');
    expect(text).toMatch(/ifconfig_bridge0="inet 10\.0\.0\.1\/24 [^"]*group jail_bridges up"/);
  });
});
