import { describe, expect, it } from 'vitest';
import { renderRcConf } from '../render/rc-conf';
import { bareHost } from '../testing/bare-host';
import { parseTopology, serializeTopology } from '../topology/document';
import type { Topology } from '../topology/schema';
import { plan } from './plan';

// Interface routes and user interface groups are audited but have no steps or rc.conf lines yet:
// the planner and the renderer refuse them, never drop them silently; what the host already has,
// unchanged, is no change.

function withIfaceRoute(t: Topology): Topology {
  t.stacks[0]!.staticRoutes.push({ destination: '10.9.0.0/24', interface: 'host:ixl0' });
  return t;
}
function withGroup(t: Topology): Topology {
  t.stacks[0]!.interfaces.find((i) => i.id === 'host:ixl0')!.groups = ['dmz'];
  return t;
}

describe('interface routes and groups the planner cannot apply yet', () => {
  it('refuses an interface route the design adds', () => {
    const made = plan(bareHost(), withIfaceRoute(bareHost()));
    expect(made.refusals.map((r) => r.reason)).toContain(
      'interface routes are audited but not yet applied: route add 10.9.0.0/24 -iface ixl0',
    );
  });

  it('refuses a group the design adds, and one it drops', () => {
    const added = plan(bareHost(), withGroup(bareHost()));
    expect(added.refusals.map((r) => r.reason)).toContain(
      'interface groups are audited but not yet applied: ifconfig ixl0 group dmz',
    );
    const dropped = plan(withGroup(bareHost()), bareHost());
    expect(dropped.refusals.map((r) => r.reason).join('\n')).toMatch(/group dmz \(the design drops it\)/);
  });

  it('refuses nothing when the host already has them', () => {
    const host = withGroup(withIfaceRoute(bareHost()));
    expect(plan(host, withGroup(withIfaceRoute(bareHost()))).refusals).toEqual([]);
  });

  it('rc.conf refuses to render them rather than leave them out', () => {
    expect(() => renderRcConf(withIfaceRoute(bareHost()))).toThrow(/interface routes are audited but not yet applied/);
    expect(() => renderRcConf(withGroup(bareHost()))).toThrow(/interface groups are audited but not yet applied/);
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
