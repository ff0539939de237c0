import { describe, expect, it } from 'vitest';
import { readHost } from '../../agent/discovery/read-host';
import { createDemoHost } from '../../agent/emulator/demo-host';
import { blogNetwork } from '../demo/blog-network';
import { plan } from '../plan/plan';
import { validate } from '../validate/validate';
import { hostAsDesign } from './host-as-design';

describe('hostAsDesign', () => {
  it('reads the demo host back as the blog network: names, cables, NAT, segments and the tor-relay intent', async () => {
    const read = await readHost(createDemoHost());
    const { topology, notes } = hostAsDesign(read, 'From the demo host');
    expect(notes).toEqual([]);
    expect(validate(topology).filter((p) => p.severity === 'error')).toEqual([]);
    const host = topology.stacks.find((s) => s.kind === 'host')!;
    expect(host.nat).toEqual([{ egress: 'host:ixl0', sources: ['10.0.0.0/24', '10.0.1.0/24'] }]);
    expect(topology.segments.map((s) => s.kind)).toEqual(['lan', 'internet']);
    expect(topology.intents).toEqual([
      { kind: 'internet-only', id: 'internet-only-tor-relay', subject: { kind: 'stack', id: 'jail:tor-relay' } },
    ]);
    const names = (t: typeof topology) =>
      t.stacks.flatMap((s) => s.interfaces.map((i) => `${s.kind === 'jail' ? s.name : 'host'}/${i.name}`)).sort();
    expect(names(topology)).toEqual(names(blogNetwork()));
    const owned = new Set(Object.keys(read.owned).filter((id) => read.owned[id]));
    const again = plan(read.topology, topology, { owned, pf: read.pf });
    expect(again.steps.map((s) => s.summary)).toEqual([]);
    expect(again.refusals).toEqual([]);
  });
});

describe('hostAsDesign on a host that reads as a design with errors', () => {
  it('says what is wrong instead of naming an empty anchor', async () => {
    // tor-relay's cable gone, the jail kept: its gateway is on no subnet (route.gateway.offlink).
    const host = createDemoHost();
    host.runSync({ argv: ['ifconfig', 'e0a_tor_relay', 'destroy'] });
    const { topology, notes } = hostAsDesign(await readHost(host), 'From the demo host');
    expect(validate(topology).some((p) => p.severity === 'error')).toBe(true);
    expect(notes.some((n) => /anchor\(s\)\s+on/.test(n))).toBe(false);
    expect(notes.some((n) => n.startsWith('The host as read is not a valid design:'))).toBe(true);
  });
});
