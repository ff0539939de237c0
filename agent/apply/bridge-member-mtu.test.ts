import { describe, expect, it } from 'vitest';
import { plan } from '../../core/plan/plan';
import { TopologySchema, type Topology } from '../../core/topology/schema';
import { readHost } from '../discovery/read-host';
import { hostWith, optionsFor } from './emulated-pairs';
import { applyPlan } from './apply-plan';
import bridgeMemberMtu15 from './fixtures/bridge-member-mtu-15.json';

// Found by plan-apply.property.test.ts (seed 354811614, run 927): on 15 bridge0 and its member up0_a
// have MTU 9000 and the design wants 1500. The member's own `mtu` fails there (EOPNOTSUPP, if.c
// ifhwioctl()); the bridge's `mtu` sets its members (if_bridge.c bridge_ioctl()).
describe('a bridge and its member change MTU together', () => {
  const actual = TopologySchema.parse(bridgeMemberMtu15.actual);
  const desired = TopologySchema.parse(bridgeMemberMtu15.desired);

  it('on 15: only the bridge takes an mtu step, its undo restores both, and the host ends at 1500', async () => {
    const host = await hostWith(actual, desired);
    const before = await readHost(host);
    const result = plan(before.topology, desired, optionsFor(before, [actual, desired]));
    const mtuSteps = result.steps.filter((s) => s.command.argv.includes('mtu'));
    expect(mtuSteps.map((s) => s.command.argv)).toEqual([['ifconfig', 'bridge0', 'mtu', '1500']]);
    expect(mtuSteps[0]?.inverse.map((c) => c.argv)).toEqual([['ifconfig', 'bridge0', 'mtu', '9000']]);
    const applied = await applyPlan(host, result);
    expect(applied.failure).toBeUndefined();
    const after = await readHost(host);
    const mtus = Object.fromEntries(
      after.topology.stacks
        .find((s) => s.kind === 'host')!
        .interfaces.filter((i) => i.name === 'bridge0' || i.name === 'up0_a')
        .map((i) => [i.name, i.mtu ?? 1500]),
    );
    expect(mtus).toEqual({ bridge0: 1500, up0_a: 1500 });
  });

  it('on 15: a failure after the bridge step reverts both to 9000', async () => {
    const host = await hostWith(actual, desired);
    const before = await readHost(host);
    const steps = plan(before.topology, desired, optionsFor(before, [actual, desired])).steps;
    host.failCall(steps.length - 1);
    const applied = await applyPlan(host, { steps });
    expect(applied.reverted.filter((r) => !r.ok)).toEqual([]);
    const after = await readHost(host);
    const mtus = after.topology.stacks
      .find((s) => s.kind === 'host')!
      .interfaces.filter((i) => i.name === 'bridge0' || i.name === 'up0_a')
      .map((i) => i.mtu);
    expect(mtus).toEqual([9000, 9000]);
  });

  // The same pair on 13 and 14, the bridge listed before its member: the member's own step must run
  // first (13 if_bridge.c bridge_ioctl(): EINVAL while a member has another MTU).
  const onRelease = (topology: Topology, freebsd: '13' | '14'): Topology => ({
    ...topology,
    target: { freebsd },
    stacks: topology.stacks.map((stack) =>
      stack.kind === 'host' ? { ...stack, interfaces: [...stack.interfaces].reverse() } : stack,
    ),
  });

  for (const release of ['13', '14'] as const)
    it(`on ${release}: the member's mtu step runs before the bridge's, and the host ends at 1500`, async () => {
      const [from, to] = [onRelease(actual, release), onRelease(desired, release)];
      expect(to.stacks[0]!.interfaces[0]!.name).toBe('bridge0');
      const host = await hostWith(from, to);
      const before = await readHost(host);
      const result = plan(before.topology, to, optionsFor(before, [from, to]));
      const mtuSteps = result.steps.filter((s) => s.command.argv.includes('mtu')).map((s) => s.command.argv[1]);
      expect(mtuSteps).toEqual(['up0_a', 'bridge0']);
      const applied = await applyPlan(host, result);
      expect(applied.failure).toBeUndefined();
      const again = plan((await readHost(host)).topology, to, optionsFor(before, [from, to]));
      expect(again.steps).toEqual([]);
    });
});
