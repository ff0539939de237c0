import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../agent/apply/apply-plan';
import { freshHost, optionsFor } from '../../agent/apply/emulated-pairs';
import { readHost } from '../../agent/discovery/read-host';
import { compilePf } from '../pf/compile';
import { plan } from '../plan/plan';
import type { Intent, NatRule, Topology } from '../topology/schema';
import { hostAsDesign } from './host-as-design';

// Counterexamples host-as-design.property.test.ts found (seed 1452589172), kept as examples: a host
// built from a design, read back and opened as a design must compile to the same pf text, byte for
// byte, and plan to nothing.

const JAILS = ['a', 'b', 'c'];

/** Jails a, b, c (10.0.0.2, .3, .4) on bridge0, two empty bridges, em0 on the LAN that leads to the internet. */
function design(intents: Intent[], nat: NatRule[], jails = 1): Topology {
  return {
    format: 'patchbay.topology',
    version: 2,
    name: 'counterexample',
    target: { freebsd: '13' },
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        interfaces: [
          ...JAILS.slice(0, jails).map((_, n) => ({
            kind: 'epair' as const,
            id: `host:up${n}`,
            name: `up${n}`,
            up: true,
            addresses: [],
            end: 'a' as const,
            peer: `j${n}:dn${n}`,
          })),
          ...[0, 1, 2].map((n) => ({
            kind: 'bridge' as const,
            id: `host:bridge${n}`,
            name: `bridge${n}`,
            up: true,
            addresses: [`10.${n}.0.1/24`],
            members: n === 0 ? JAILS.slice(0, jails).map((_, m) => `host:up${m}`) : [],
          })),
          { kind: 'physical', id: 'host:em0', name: 'em0', up: true, addresses: ['192.168.0.10/24'] },
        ],
        forwarding: { ipv4: true, ipv6: false },
        defaultGateway: { ipv4: '192.168.0.1' },
        staticRoutes: [],
        nat,
      },
      ...JAILS.slice(0, jails).map((name, n) => ({
        kind: 'jail' as const,
        id: `j${n}`,
        name,
        childrenMax: 0,
        interfaces: [
          {
            kind: 'epair' as const,
            id: `j${n}:dn${n}`,
            name: `dn${n}`,
            up: true,
            addresses: [`10.0.0.${n + 2}/24`],
            end: 'b' as const,
            peer: `host:up${n}`,
          },
        ],
        forwarding: { ipv4: false, ipv6: false },
        defaultGateway: { ipv4: '10.0.0.1' },
        staticRoutes: [],
        nat: [],
      })),
    ],
    segments: [
      { kind: 'lan', id: 'lan', name: 'LAN', cidr: '192.168.0.0/24', gateway: '192.168.0.1', uplink: 'host:em0' },
      { kind: 'internet', id: 'internet', name: 'Internet', via: 'lan' },
    ],
    intents,
    layout: { positions: {} },
  };
}

async function openedFromHost(built: Topology) {
  const host = freshHost(built, built);
  const before = await readHost(host);
  expect((await applyPlan(host, plan(before.topology, built, optionsFor(before, [built])))).failure).toBeUndefined();
  const read = await readHost(host);
  const opened = hostAsDesign(read, 'opened');
  const again = plan(read.topology, opened.topology, optionsFor(read, [built]));
  return { opened, steps: again.steps.map((s) => s.summary) };
}

const jail = { kind: 'stack', id: 'j0' } as const;

describe('a host opened as a design (examples)', () => {
  it('reads an isolated jail that may reach the internet as those two intents, not isolated and unreachable', async () => {
    // isolated and unreachable share their inbound block, and unreachable's pass is the may-reach's:
    // covering the rules without counting them read back a block twice.
    const built = design(
      [
        { kind: 'isolated', id: 's0', subject: jail },
        {
          kind: 'may-reach',
          id: 'p0',
          from: jail,
          to: { kind: 'segment', id: 'internet' },
          protocol: 'any',
          ports: [],
        },
      ],
      [],
    );
    const { opened, steps } = await openedFromHost(built);
    expect(opened.notes).toEqual([]);
    expect(opened.topology.intents.map((i) => i.kind)).toEqual(['isolated', 'may-reach']);
    expect([...compilePf(opened.topology)]).toEqual([...compilePf(built)]);
    expect(steps).toEqual([]);
  });

  it("keeps an explicit NAT rule ahead of an intent's NAT line when an intent also sends its source out", async () => {
    // The explicit rule covers bridge1, which a may-reach sends to the LAN; the internet-only jail's
    // line follows it. Reading every line an intent translates as the intent's put the jail's first.
    const built = design(
      [
        { kind: 'internet-only', id: 's0', subject: jail },
        {
          kind: 'may-reach',
          id: 'p0',
          from: { kind: 'network', id: 'host:bridge1' },
          to: { kind: 'segment', id: 'lan' },
          protocol: 'any',
          ports: [],
        },
      ],
      [{ egress: 'host:em0', sources: ['10.1.0.0/24'] }],
    );
    const { opened, steps } = await openedFromHost(built);
    expect(opened.notes).toEqual([]);
    expect(opened.topology.stacks.find((s) => s.kind === 'host')!.nat).toEqual([
      { egress: 'host:em0', sources: ['10.1.0.0/24'] },
    ]);
    expect([...compilePf(opened.topology)]).toEqual([...compilePf(built)]);
    expect(steps).toEqual([]);
  });

  it('orders three intents when two of them fix no order between them', async () => {
    // lan-only b stands apart from isolated a in either order, so an insertion sort put unreachable c
    // ahead of b, and so ahead of a, whose inbound block the anchor lists first.
    const built = design(
      [
        { kind: 'isolated', id: 's0', subject: jail },
        { kind: 'unreachable', id: 's1', subject: { kind: 'stack', id: 'j2' } },
        { kind: 'lan-only', id: 's2', subject: { kind: 'stack', id: 'j1' } },
      ],
      [],
      3,
    );
    const { opened, steps } = await openedFromHost(built);
    expect(opened.notes).toEqual([]);
    expect([...compilePf(opened.topology)]).toEqual([...compilePf(built)]);
    expect(steps).toEqual([]);
  });

  it('orders intents whose rules repeat: two that compile to one pass rule', async () => {
    // unreachable b and may-reach b to the internet both pass b's traffic out; which printed line is
    // whose decides where unreachable a goes, and no order of two intents at a time tells.
    const b = { kind: 'stack', id: 'j1' } as const;
    const built = design(
      [
        { kind: 'unreachable', id: 's0', subject: b },
        { kind: 'unreachable', id: 's1', subject: jail },
        { kind: 'may-reach', id: 'p0', from: b, to: { kind: 'segment', id: 'internet' }, protocol: 'any', ports: [] },
      ],
      [],
      2,
    );
    const { opened, steps } = await openedFromHost(built);
    expect(opened.notes).toEqual([]);
    expect([...compilePf(opened.topology)]).toEqual([...compilePf(built)]);
    expect(steps).toEqual([]);
  });
});
