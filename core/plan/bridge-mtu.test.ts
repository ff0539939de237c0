import { describe, expect, it } from 'vitest';
import { TopologySchema, type Topology } from '../topology/schema';
import { bridgeMtuAfterMembers, memberMtuFollowingBridge } from './bridge-mtu';
import { indexTopology } from './indexed';
import type { Settings } from './interface-steps';
import type { PlanStep } from './types';

function hostWithBridge(freebsd: '13' | '14' | '15', mtu: number): Topology {
  return TopologySchema.parse({
    format: 'patchbay.topology',
    version: 2,
    name: 't',
    target: { freebsd },
    stacks: [
      {
        kind: 'host',
        id: 'host',
        hostname: 'host.example.org',
        interfaces: [
          { kind: 'bridge', id: 'host:bridge0', name: 'bridge0', mtu, up: true, addresses: [], members: ['host:em0'] },
          { kind: 'physical', id: 'host:em0', name: 'em0', mtu, up: true, addresses: [] },
        ],
      },
    ],
  });
}

const step = (phase: PlanStep['phase'], ...argv: string[]): PlanStep => ({
  phase,
  summary: argv.join(' '),
  command: { argv },
  inverse: [],
});

describe('bridgeMtuAfterMembers', () => {
  const steps = [
    step('configure', 'ifconfig', 'bridge0', 'mtu', '1500'),
    step('configure', 'ifconfig', 'em0', 'mtu', '1500'),
    step('member-add', 'ifconfig', 'bridge0', 'addm', 'epair0a'),
  ];

  it("on 13 and 14 moves a bridge's mtu step after the other configure steps, before later phases", () => {
    for (const release of ['13', '14'] as const)
      expect(bridgeMtuAfterMembers(indexTopology(hostWithBridge(release, 1500)), steps).map((s) => s.summary)).toEqual([
        'ifconfig em0 mtu 1500',
        'ifconfig bridge0 mtu 1500',
        'ifconfig bridge0 addm epair0a',
      ]);
  });

  it('on 15 keeps the order (the members carry no mtu step of their own)', () => {
    expect(bridgeMtuAfterMembers(indexTopology(hostWithBridge('15', 1500)), steps)).toEqual(steps);
  });
});

describe('memberMtuFollowingBridge', () => {
  const settings = (mtu: number): Settings => ({ mtu, addresses: [], up: true, groups: [] });
  const member = (t: Topology) => indexTopology(t).interfaces.get([...indexTopology(t).interfaces.keys()][1]!)!;

  /** The member's MTU the planner starts from when its bridge goes from 9000 to 1500 on `release`. */
  const currentMtu = (release: '14' | '15') => {
    const [actual, desired] = [hostWithBridge(release, 9000), hostWithBridge(release, 1500)];
    return memberMtuFollowingBridge(
      indexTopology(actual),
      indexTopology(desired),
      member(desired),
      member(actual),
      settings(9000),
      settings(1500),
    ).mtu;
  };

  it("on 15 a member that stays on its bridge already has the bridge's new MTU", () => {
    expect(currentMtu('15')).toBe(1500);
  });

  it('on 14 the member keeps its own MTU step', () => {
    expect(currentMtu('14')).toBe(9000);
  });
});
