import { describe, expect, it } from 'vitest';
import { renderRcConf } from '../render/rc-conf';
import { renderJailConfs } from '../render/jail-conf';
import { bareHost } from '../testing/bare-host';
import { parseTopology, serializeTopology } from '../topology/document';
import { TOPOLOGY_VERSION, TopologySchema, type Topology } from '../topology/schema';
import { plan } from './plan';
import { PHASES, type PlanStep } from './types';

// Interface routes (`route add DEST -iface IF`) and interface groups (`ifconfig IF group G`):
// planned with their undo steps, in the right phases, and written to rc.conf / jail.conf.d.

function withIfaceRoute(t: Topology, destination = '10.9.0.0/24'): Topology {
  t.stacks[0]!.staticRoutes.push({ destination, interface: 'host:ixl0' });
  return t;
}
function withGateRoute(t: Topology): Topology {
  t.stacks[0]!.staticRoutes.push({ destination: '10.9.0.0/24', gateway: '192.168.1.2' });
  return t;
}
function withGroup(t: Topology, ...groups: string[]): Topology {
  t.stacks[0]!.interfaces.find((i) => i.id === 'host:ixl0')!.groups = groups.length ? groups : ['dmz'];
  return t;
}
const lift = { owned: new Set<string>(), allowUplinkChanges: true };
const argv = (steps: PlanStep[]) => steps.map((s) => s.command.argv.join(' '));
const undo = (steps: PlanStep[]) => steps.map((s) => s.inverse.map((c) => c.argv.join(' ')));

/** A jail on the host's bridge whose epair end is in group dmz and carries an interface route. */
function jailDesign(): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: TOPOLOGY_VERSION,
    name: 'routes',
    stacks: [
      { ...bareHost().stacks[0]!, interfaces: [...bareHost().stacks[0]!.interfaces, ...hostSide()] },
      {
        kind: 'jail',
        id: 'web',
        name: 'web',
        defaultGateway: { ipv4: '10.0.0.1' },
        staticRoutes: [{ destination: '10.9.0.0/24', interface: 'web:e0b' }],
        interfaces: [
          {
            kind: 'epair',
            id: 'web:e0b',
            name: 'e0b_web',
            end: 'b',
            peer: 'host:e0a',
            addresses: ['10.0.0.2/24'],
            groups: ['dmz'],
          },
        ],
      },
    ],
  });
}
function hostSide() {
  return [
    { kind: 'epair', id: 'host:e0a', name: 'e0a_web', end: 'a', peer: 'web:e0b', addresses: [] },
    { kind: 'bridge', id: 'host:bridge0', name: 'bridge0', addresses: ['10.0.0.1/24'], members: ['host:e0a'] },
  ];
}

describe('interface routes in the plan', () => {
  it('adds one with route add DEST -iface IF, undone by route delete', () => {
    const made = plan(bareHost(), withIfaceRoute(bareHost()), lift);
    expect(made.refusals).toEqual([]);
    expect(made.steps.map((s) => s.phase)).toEqual(['route-add']);
    expect(argv(made.steps)).toEqual(['route add 10.9.0.0/24 -iface ixl0']);
    expect(undo(made.steps)).toEqual([['route delete 10.9.0.0/24']]);
    expect(made.steps[0]!.summary).toBe('Route 10.9.0.0/24 through interface ixl0 in the host');
  });

  it('writes -inet6 first for an IPv6 destination', () => {
    const made = plan(bareHost(), withIfaceRoute(bareHost(), '2001:db8:9::/48'), lift);
    expect(argv(made.steps)).toEqual(['route add -inet6 2001:db8:9::/48 -iface ixl0']);
  });

  it("guards the host's routes as it guards gateway routes", () => {
    const refused = plan(bareHost(), withIfaceRoute(bareHost()));
    expect(refused.steps).toEqual([]);
    expect(refused.refusals.map((r) => r.override)).toEqual(['allowUplinkChanges']);
  });

  it('removes one the design drops, and nothing for one the host already has', () => {
    const dropped = plan(withIfaceRoute(bareHost()), bareHost(), lift);
    expect(argv(dropped.steps)).toEqual(['route delete 10.9.0.0/24']);
    expect(undo(dropped.steps)).toEqual([['route add 10.9.0.0/24 -iface ixl0']]);
    expect(plan(withIfaceRoute(bareHost()), withIfaceRoute(bareHost()), lift).steps).toEqual([]);
  });

  it('replaces a gateway route by an interface route to the same destination: delete, then add', () => {
    const made = plan(withGateRoute(bareHost()), withIfaceRoute(bareHost()), lift);
    expect(made.steps.map((s) => s.phase)).toEqual(['route-remove', 'route-add']);
    expect(argv(made.steps)).toEqual(['route delete 10.9.0.0/24', 'route add 10.9.0.0/24 -iface ixl0']);
    expect(undo(made.steps)).toEqual([['route add 10.9.0.0/24 192.168.1.2'], ['route delete 10.9.0.0/24']]);
    const back = plan(withIfaceRoute(bareHost()), withGateRoute(bareHost()), lift);
    expect(argv(back.steps)).toEqual(['route delete 10.9.0.0/24', 'route add 10.9.0.0/24 192.168.1.2']);
  });

  it('in a new jail: after the interface is created, moved in and up; removed before the jail goes', () => {
    const made = plan(bareHost(), jailDesign(), lift);
    expect(made.refusals).toEqual([]);
    const route = made.steps.findIndex((s) => s.command.argv.join(' ') === 'route add 10.9.0.0/24 -iface e0b_web');
    // A new end is configured, joined to its groups and brought up in one call, renamed at its end.
    const up = made.steps.findIndex((s) => s.command.jail === 'web' && s.command.argv.includes('up'));
    expect(route).toBeGreaterThan(-1);
    expect(up).toBeGreaterThan(-1);
    expect(route).toBeGreaterThan(up);
    expect(made.steps[route]!.command.jail).toBe('web');
    const gone = plan(jailDesign(), bareHost(), {
      ...lift,
      owned: new Set(['host:e0a', 'host:bridge0']),
      ownedJails: new Set(['web']),
    });
    const del = gone.steps.findIndex((s) => s.command.argv.join(' ') === 'route delete 10.9.0.0/24');
    const remove = gone.steps.findIndex((s) => s.command.argv.join(' ') === 'jail -R web');
    expect(del).toBeGreaterThan(-1);
    expect(del).toBeLessThan(remove);
  });
});

describe('interface groups in the plan', () => {
  it('joins a group with ifconfig IF group G, undone by -group G', () => {
    const made = plan(bareHost(), withGroup(bareHost()), lift);
    expect(made.refusals).toEqual([]);
    expect(argv(made.steps)).toEqual(['ifconfig ixl0 group dmz']);
    expect(undo(made.steps)).toEqual([['ifconfig ixl0 -group dmz']]);
  });

  it('leaves a group the design drops, and ignores the order groups are listed in', () => {
    const dropped = plan(withGroup(bareHost(), 'dmz', 'web'), withGroup(bareHost(), 'web'), lift);
    expect(argv(dropped.steps)).toEqual(['ifconfig ixl0 -group dmz']);
    expect(undo(dropped.steps)).toEqual([['ifconfig ixl0 group dmz']]);
    expect(plan(withGroup(bareHost(), 'a', 'b'), withGroup(bareHost(), 'b', 'a'), lift).steps).toEqual([]);
  });

  it("on the uplink a group change is refused without the override, naming it, with the host's groups to take", () => {
    const refused = plan(bareHost(), withGroup(bareHost()));
    expect(refused.steps).toEqual([]);
    const [refusal] = refused.refusals;
    expect(refusal?.reason).toMatch(/the design puts ixl0 in the groups dmz; on the host it is in none/);
    expect(refusal?.takeHostValues?.values.groups).toEqual([]);
  });

  it('joins groups after the interface is made, with its settings; a destroy needs no -group, its undo rejoins', () => {
    const made = plan(bareHost(), jailDesign(), lift);
    const join = made.steps.find((s) => s.command.argv.includes('group'));
    expect(join?.command).toMatchObject({ jail: 'web' });
    expect(join?.command.argv.slice(-2)).toEqual(['name', 'e0b_web']);
    expect(PHASES.indexOf(join!.phase)).toBeGreaterThan(PHASES.indexOf('move-in'));
    const gone = plan(jailDesign(), bareHost(), {
      ...lift,
      owned: new Set(['host:e0a', 'host:bridge0']),
      ownedJails: new Set(['web']),
    });
    expect(gone.steps.some((s) => s.command.argv.includes('-group'))).toBe(false);
    const restore = gone.steps.flatMap((s) => s.inverse).map((c) => c.argv.join(' '));
    expect(restore.some((c) => /^ifconfig e0b_web .*group dmz/.test(c))).toBe(true);
  });
});

describe('persisted', () => {
  it('rc.conf: route_<name> with -iface, and the groups on the ifconfig_ line before up', () => {
    const text = renderRcConf(withGroup(withIfaceRoute(bareHost())));
    expect(text).toContain('ifconfig_ixl0="inet 192.168.1.10/24 group dmz up"');
    expect(text).toContain('static_routes="patchbay0"');
    expect(text).toContain('route_patchbay0="-net 10.9.0.0/24 -iface ixl0"');
    const v6 = renderRcConf(withIfaceRoute(bareHost(), '2001:db8:9::/48'));
    expect(v6).toContain('ipv6_static_routes="patchbay0"');
    expect(v6).toContain('ipv6_route_patchbay0="-net 2001:db8:9::/48 -iface ixl0"');
  });

  it('a host route through an interface a jail makes is said to be left to the jail, never dropped silently', () => {
    const design = jailDesign();
    design.stacks[0]!.staticRoutes.push({ destination: '10.8.0.0/24', interface: 'host:e0a' });
    expect(renderRcConf(design)).toContain('# Not added at boot: 10.8.0.0/24 -iface e0a_web');
  });

  it("jail.conf.d: the jail's route -iface after its interfaces, the group on the end's ifconfig line", () => {
    const text = renderJailConfs(jailDesign()).find((f) => f.jail === 'web')!.content;
    expect(text).toMatch(/\/sbin\/ifconfig e0b_web [^\n]*group dmz/);
    expect(text).toContain('/sbin/route add 10.9.0.0/24 -iface e0b_web');
    expect(text.indexOf('group dmz')).toBeLessThan(text.indexOf('-iface e0b_web'));
  });
});

describe('the file form', () => {
  it('keeps a design without them byte for byte, and reads them back', () => {
    const plain = serializeTopology(bareHost());
    expect(plain).not.toMatch(/"groups"|"interface"/);
    const text = serializeTopology(withGroup(withIfaceRoute(bareHost())));
    const read = parseTopology(text);
    expect(read.ok && serializeTopology(read.topology)).toBe(text);
    expect(text).toMatch(/"groups": \[\s*"dmz"\s*\]/);
    expect(text).toContain('"interface": "host:ixl0"');
  });
});
