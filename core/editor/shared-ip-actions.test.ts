import { describe, expect, it } from 'vitest';
import { toGraph } from '../graph/to-graph';
import { plan } from '../plan/plan';
import { bastilleDesign } from '../testing/bastille-design';
import { bareHost } from '../testing/bare-host';
import type { JailStack, Topology } from '../topology/schema';
import { validate } from '../validate/validate';
import { connect, remove } from './actions';
import { hostAsDesign } from './host-as-design';
import { addLoopback, addSharedIpJail, carrierChoices, setJailAddresses } from './shared-ip-actions';

function ok(edit: ReturnType<typeof addLoopback>): Topology {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.topology;
}
const jailNamed = (t: Topology, id: string) => t.stacks.find((s): s is JailStack => s.id === id)!;

describe('the editor and shared-IP jails', () => {
  it('adds lo1 (never lo0) and a shared-IP jail with no address, which validates', () => {
    const withLo1 = ok(addLoopback(bareHost()));
    expect(withLo1.stacks[0]!.interfaces.map((i) => i.name)).toEqual(['lo0', 'ixl0', 'lo1']);
    const edit = addSharedIpJail(withLo1);
    const t = ok(edit);
    const jail = jailNamed(t, edit.ok ? edit.created[0]! : '');
    expect(jail.sharedIp).toEqual({ ip4: [], ip6: [] });
    expect(jail.interfaces).toEqual([]);
    expect(validate(t).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('gives a jail the next free 10.17.89.N on an unaddressed loopback when a line is drawn to it', () => {
    let t = ok(addLoopback(bareHost()));
    const first = addSharedIpJail(t);
    t = ok(first);
    const web = first.ok ? first.created[0]! : '';
    t = ok(connect(t, web, 'host:lo1'));
    t = ok(connect(t, 'host:lo1', web));
    expect(jailNamed(t, web).sharedIp!.ip4).toEqual([
      { interface: 'host:lo1', address: '10.17.89.1/32' },
      { interface: 'host:lo1', address: '10.17.89.2/32' },
    ]);
    expect(connect(t, web, 'lan')).toMatchObject({ ok: false });
  });

  it('takes the next free address of a NIC subnet (the gateway is taken), and removing the line removes those addresses', () => {
    let t = ok(addSharedIpJail(bareHost()));
    const web = t.stacks[1]!.id;
    t = ok(connect(t, web, 'host:ixl0'));
    expect(jailNamed(t, web).sharedIp!.ip4).toEqual([{ interface: 'host:ixl0', address: '192.168.1.2/32' }]);
    const edge = toGraph(t).edges.find((e) => e.kind === 'shared-ip')!;
    t = ok(remove(t, [edge.id]));
    expect(jailNamed(t, web).sharedIp!.ip4).toEqual([]);
  });

  it('offers the interfaces of the stack the jail shares', () => {
    expect(carrierChoices(bastilleDesign(), jailNamed(bastilleDesign(), 'web')).map((i) => i.name)).toEqual([
      'lo0',
      'em0',
      'lo1',
    ]);
  });

  it('writes any text into the list, so the validator shows a typo at its row', () => {
    const t = ok(setJailAddresses(bastilleDesign(), 'web', 'ip4', [{ interface: 'host:lo1', address: '10.17.89.x' }]));
    expect(validate(t).map((p) => `${p.rule} ${p.path.join('.')}`)).toContain(
      'jail.shared-ip.address.syntax stacks.1.sharedIp.ip4.0.address',
    );
  });

  it('keeps shared-IP jails when a host is opened as a design, and planning that design changes nothing', () => {
    const read = { topology: bastilleDesign(), pf: { enabled: true, anchors: [] } };
    const { topology } = hostAsDesign(read, 'Bastille host');
    expect(topology.stacks.filter((s) => s.kind === 'jail').map((s) => [s.id, s.sharedIp])).toEqual([
      ['web', { ip4: [{ interface: 'host:lo1', address: '10.17.89.1/32' }], ip6: [] }],
      ['db', { ip4: [{ interface: 'host:lo1', address: '10.17.89.2/32' }], ip6: [] }],
    ]);
    expect(plan(read.topology, topology, { owned: new Set(), pf: read.pf }).steps).toEqual([]);
  });
});
