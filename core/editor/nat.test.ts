import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditReport, explain } from '../audit/report';
import { VERDICTS } from '../audit/audit';
import { compilePf, NAT_ANCHOR } from '../pf/compile';
import { auditShape, buildAuditTopology } from '../testing/arbitrary-audit';
import { TopologySchema, type Topology } from '../topology/schema';
import { validate } from '../validate/validate';
import { addBridge, addJail, addNic, addSegment, connect, updateInterface, updateStack, type Edit } from './actions';
import { jailNetworks, natByNic, setNat } from './nat';

function apply(edit: Edit): { topology: Topology; created: string[] } {
  if (!edit.ok) throw new Error(edit.reason);
  return edit;
}

/** Drawn by hand: a NIC on the LAN, a bridge with an address, two jails on it, the host forwarding. No nat. */
function handDrawn(): { topology: Topology; nic: string; bridge: string } {
  let t = TopologySchema.parse({
    format: 'patchbay.topology',
    version: 2,
    name: 'hand drawn',
    stacks: [{ kind: 'host', id: 'host', hostname: 'gateway.example.org' }],
  });
  const nic = apply(addNic(t, { name: 'em0' }));
  t = apply(updateInterface(nic.topology, nic.created[0]!, { addresses: ['192.168.1.10/24'] })).topology;
  t = apply(addSegment(t, 'lan')).topology;
  t = apply(addSegment(t, 'internet')).topology;
  const bridge = apply(addBridge(t));
  t = apply(updateInterface(bridge.topology, bridge.created[0]!, { addresses: ['10.0.0.1/24'] })).topology;
  for (const name of ['www', 'db']) {
    const jail = apply(addJail(t, { name }));
    t = apply(connect(jail.topology, jail.created[0]!, bridge.created[0]!)).topology;
  }
  t = apply(
    updateStack(t, 'host', { forwarding: { ipv4: true, ipv6: false }, defaultGateway: { ipv4: '192.168.1.1' } }),
  ).topology;
  return { topology: t, nic: nic.created[0]!, bridge: bridge.created[0]! };
}

const cell = (t: Topology, jail: string, column: string) => {
  const report = auditReport(t);
  const row = report.jails.findIndex((j) => j.name === jail);
  const col = report.columns.findIndex((c) => c.label === column);
  return VERDICTS[report.cells[row * report.columns.length + col]!];
};

describe('jailNetworks', () => {
  it('are the networks of the host bridges, not the LAN', () => {
    const { topology } = handDrawn();
    expect(jailNetworks(topology)).toEqual(['10.0.0.0/24']);
  });

  it('leave out a bridge on the LAN, and add networks a jail routes for the host', () => {
    const { topology, bridge } = handDrawn();
    let t = topology;
    const lanBridge = apply(addBridge(t));
    t = apply(updateInterface(lanBridge.topology, lanBridge.created[0]!, { addresses: ['192.168.1.11/24'] })).topology;
    t = apply(updateInterface(t, bridge, { addresses: ['10.0.0.1/24', '10.0.0.129/25', 'fd00::1/64'] })).topology;
    t = apply(
      updateStack(t, 'host', {
        staticRoutes: [
          { destination: '10.9.0.0/16', gateway: '10.0.0.2' },
          { destination: '172.16.0.0/12', gateway: '192.168.1.254' },
        ],
      }),
    ).topology;
    expect(jailNetworks(t)).toEqual(['10.0.0.0/24', '10.0.0.128/25', '10.9.0.0/16']);
  });
});

describe('setNat', () => {
  it('turns a one-way LAN and internet two-way, and off again', () => {
    const { topology, nic } = handDrawn();
    expect([cell(topology, 'www', 'LAN'), cell(topology, 'www', 'Internet')]).toEqual(['one-way', 'one-way']);
    const on = apply(setNat(topology, nic, true)).topology;
    expect(natByNic(on).get(nic)).toEqual(['10.0.0.0/24']);
    expect(compilePf(on).get(NAT_ANCHOR)).toEqual(['nat on em0 from 10.0.0.0/24 to any -> (em0)']);
    expect(validate(on).filter((p) => p.severity === 'error')).toEqual([]);
    expect([cell(on, 'www', 'LAN'), cell(on, 'db', 'Internet')]).toEqual(['reachable', 'reachable']);
    const off = apply(setNat(on, nic, false)).topology;
    expect(natByNic(off).size).toBe(0);
    expect(cell(off, 'www', 'LAN')).toBe('one-way');
    expect(topology.stacks[0]!.nat).toEqual([]);
  });

  it('changes nothing when asked for what already holds, and brings stale sources up to date', () => {
    const { topology, nic, bridge } = handDrawn();
    expect(apply(setNat(topology, nic, false)).topology).toBe(topology);
    const on = apply(setNat(topology, nic, true)).topology;
    expect(apply(setNat(on, nic, true)).topology).toBe(on);
    const grown = apply(updateInterface(on, bridge, { addresses: ['10.0.0.1/24', '10.1.0.1/24'] })).topology;
    expect(natByNic(apply(setNat(grown, nic, true)).topology).get(nic)).toEqual(['10.0.0.0/24', '10.1.0.0/24']);
  });

  it('refuses what is not a host NIC, or a host with no jail network, naming the rule', () => {
    const { topology, bridge } = handDrawn();
    expect(setNat(topology, bridge, true)).toEqual({
      ok: false,
      reason: 'nat: bridge0 is a bridge; nat shares the address of a physical NIC.',
    });
    expect(setNat(topology, 'nope', true)).toMatchObject({
      ok: false,
      reason: 'nat: there is no interface with id nope.',
    });
    const bare = apply(updateInterface(topology, bridge, { addresses: [] })).topology;
    const refused = setNat(bare, 'host:em0', true);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/^nat on em0: no jail network routes through the host/);
    const jail = topology.stacks.find((s) => s.kind === 'jail')!;
    const moved = apply(connect(topology, 'host:em0', jail.id)).topology;
    expect(setNat(moved, 'host:em0', true)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/inside a jail/),
    });
  });
});

describe('the one-way explanation offers the nat that fixes it', () => {
  it('names the host NIC the request left by, and applying it makes the pair two-way', () => {
    const { topology, nic } = handDrawn();
    const www = topology.stacks.find((s) => s.kind === 'jail' && s.name === 'www')!;
    const explained = explain(topology, { kind: 'stack', id: www.id }, { kind: 'lan' });
    expect(explained.verdict).toBe('one-way');
    expect(explained.reply.map((s) => s.text).join(' ')).toContain('only nat on the way out makes replies come back');
    expect(explained.natFix).toEqual({ egress: nic, nic: 'em0' });
    const fixed = apply(setNat(topology, explained.natFix!.egress, true)).topology;
    const after = explain(fixed, { kind: 'stack', id: www.id }, { kind: 'lan' });
    expect(after.verdict).toBe('reachable');
    expect(after.natFix).toBeUndefined();
  });

  it('is offered only for one-way pairs, and turning that nat on makes them two-way (generated networks)', () => {
    let offered = 0;
    fc.assert(
      fc.property(auditShape, (shape) => {
        // The host's pf.conf hooks Patchbay's anchors (else the design's nat is not evaluated, and
        // no fix is offered), and has no nat of its own, so the design's decides.
        const t = buildAuditTopology(
          { ...shape, nat: ['nat-anchor "patchbay/*"'] },
          { hostRules: (rules) => ['anchor "patchbay/*"', ...rules] },
        );
        for (const jail of t.stacks.filter((s) => s.kind === 'jail')) {
          const explained = explain(t, { kind: 'stack', id: jail.id }, { kind: 'lan' });
          if (!explained.natFix) continue;
          offered++;
          expect(explained.verdict).toBe('one-way');
          const fixed = setNat(t, explained.natFix.egress, true);
          if (!fixed.ok) throw new Error(fixed.reason);
          const after = explain(fixed.topology, { kind: 'stack', id: jail.id }, { kind: 'lan' });
          expect([after.verdict, after.natFix]).toEqual([expect.stringMatching(/^(reachable|partial)$/), undefined]);
        }
      }),
      {
        numRuns: 60,
        // Found by this property: icmp decided by another pass rule than tcp's nat-to made the pair
        // partly reachable, and the fix was offered for its one-way icmp probe.
        examples: [
          [
            {
              bridges: 2,
              jails: [1, 0, 0, 0],
              lan: true,
              internet: false,
              forwarding: true,
              bridgeFilter: undefined,
              hostRules: [
                'table <t> {  }',
                'pass out on ixl0 inet from 10.1.0.0/24 nat-to 192.168.1.10',
                'pass proto icmp all user 1000',
              ],
              nat: [],
              jailRules: new Map(),
            },
          ],
        ],
      },
    );
    // Else the property held only because no generated network ever needed the fix.
    expect(offered).toBeGreaterThan(0);
  }, 30_000);
});
