import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { renderRcConf } from '../render/rc-conf';
import type { InterfaceKind, Topology } from '../topology/schema';
import { formatPath } from './problem';
import { IF_MAXMTU, IF_MINMTU, mtuRange, mtuRefusal } from './rules-mtu';
import { validate } from './validate';

/** The blog network with one interface of `kind` given `mtu`, and that interface's path. */
function withMtu(kind: InterfaceKind, mtu: number): { topology: Topology; path: string } {
  const topology = blogNetwork();
  for (const [i, stack] of topology.stacks.entries()) {
    const j = stack.interfaces.findIndex((iface) => iface.kind === kind);
    if (j < 0) continue;
    stack.interfaces[j]!.mtu = mtu;
    return { topology, path: formatPath(['stacks', i, 'interfaces', j, 'mtu']) };
  }
  throw new Error(`the blog network has no ${kind}`);
}

const rulesAt = (topology: Topology, path: string) =>
  validate(topology)
    .filter((p) => formatPath(p.path) === path)
    .map((p) => `${p.severity} ${p.rule}`);

describe('interface MTUs (ifhwioctl, if_bridge, ether_ioctl)', () => {
  it('takes 72 to 65535 on every kind but a bridge, which starts at 576', () => {
    expect([IF_MINMTU, IF_MAXMTU]).toEqual([72, 65535]);
    expect(mtuRange('bridge')).toEqual({ min: 576, max: 65535 });
    for (const kind of ['epair', 'physical', 'loopback'] as const)
      expect(mtuRange(kind)).toEqual({ min: 72, max: 65535 });
    expect(mtuRefusal('epair', 72)).toBeUndefined();
    expect(mtuRefusal('epair', 71)).toMatch(/outside 72–65535/);
    expect(mtuRefusal('bridge', 575)).toMatch(/outside 576–65535.*if_bridge\.c/);
    expect(mtuRefusal('epair', 1500.5)).toMatch(/whole number/);
    expect(mtuRefusal('epair', Number.NaN)).toMatch(/whole number/);
  });

  it('reports 99999999 once, at the field, as interface.mtu.range', () => {
    for (const kind of ['epair', 'bridge', 'physical'] as const) {
      const { topology, path } = withMtu(kind, 99999999);
      expect(rulesAt(topology, path)).toEqual(['error interface.mtu.range']);
    }
  });

  it('reports NaN (what Number("abc") gives) at the field, not as "No problems"', () => {
    const { topology, path } = withMtu('epair', Number('abc'));
    expect(rulesAt(topology, path)).toEqual(['error interface.mtu.range']);
  });

  it('warns about a NIC above 1500 (jumbo frames depend on the driver) and says nothing at 1500', () => {
    expect(rulesAt(withMtu('physical', 9000).topology, withMtu('physical', 9000).path)).toEqual([
      'warning interface.mtu.jumbo',
    ]);
    expect(rulesAt(withMtu('physical', 1500).topology, withMtu('physical', 1500).path)).toEqual([]);
    expect(rulesAt(withMtu('epair', 9000).topology, withMtu('epair', 9000).path)).toEqual([]);
  });

  it('is never written into rc.conf when FreeBSD would refuse it', () => {
    expect(() => renderRcConf(withMtu('bridge', 99999999).topology)).toThrow(
      /host interface bridge0 mtu: MTU 99999999/,
    );
    expect(renderRcConf(withMtu('bridge', 9000).topology)).toMatch(/ mtu 9000 /);
  });
});
