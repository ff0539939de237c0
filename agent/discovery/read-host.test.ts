import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { validTopology } from '../../core/testing/arbitrary-topology';
import { semanticView, type StackView } from '../../core/topology/semantic-view';
import type { Topology } from '../../core/topology/schema';
import { validate } from '../../core/validate/validate';
import { createDemoHost } from '../emulator/demo-host';
import { FreebsdEmulator } from '../emulator/emulator';
import { nicsOf, provision } from '../testing/provision';
import { readHost } from './read-host';

/** What discovery can know: no LANs, intents or layout, and MACs the kernel chose. */
function hostFacts(t: Topology, keepMacs: boolean): Record<string, StackView> {
  const view = semanticView(t);
  for (const stack of Object.values(view)) {
    for (const iface of Object.values(stack.interfaces)) if (!keepMacs) delete iface.mac;
  }
  return view;
}

describe('readHost', () => {
  it('reads the demo host back as the blog network, and it validates clean', async () => {
    const host = createDemoHost();
    const read = await readHost(host);
    expect(validate(read.topology)).toEqual([]);
    expect(hostFacts(read.topology, false)).toEqual(hostFacts(blogNetwork(), false));
    expect(read.osrelease).toMatch(/^14\./);
    expect(read.notes).toEqual([]);
  });

  it('tells Patchbay-owned interfaces from foreign ones and keeps both', async () => {
    const host = createDemoHost();
    host.runSync({ argv: ['ifconfig', 'bridge9', 'create'] });
    host.runSync({ argv: ['ifconfig', 'bridge9', 'description', 'made by hand', 'up'] });
    const read = await readHost(host);
    expect(read.owned['host:bridge0']).toBe(true);
    expect(read.owned['jail:snort-jail:e0b_snort_jail']).toBe(true);
    expect(read.owned['host:bridge9']).toBe(false);
    expect(read.owned['host:ixl0']).toBe(false);
    const bridge9 = read.topology.stacks[0]!.interfaces.find((i) => i.name === 'bridge9');
    expect(bridge9).toMatchObject({ kind: 'bridge', description: 'made by hand', up: true });
  });

  it("leaves out the addresses the kernel made itself: link-local ones, and ::1 on a jail's lo0", async () => {
    const host = createDemoHost();
    const inJail = host.runSync({ argv: ['ifconfig', 'lo0'], jail: 'www-jail' }).stdout;
    // FreeBSD added both when Patchbay brought the jail's lo0 up (in6_ifattach()).
    expect(inJail).toContain('\tinet6 ::1 prefixlen 128');
    expect(inJail).toMatch(/\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x[0-9a-f]+\n/);
    host.runSync({ argv: ['ifconfig', 'e0a_www_jail', 'inet6', '2001:db8::1/64', 'alias'] });
    // The epair got its own fe80:: address with its first IPv6 address (IFDISABLED cleared, in6_if_up()).
    expect(host.runSync({ argv: ['ifconfig', 'e0a_www_jail'] }).stdout).toMatch(
      /\tinet6 fe80::[0-9a-f:]+%e0a_www_jail prefixlen 64 scopeid/,
    );
    const read = await readHost(host);
    const lo0 = read.topology.stacks.find((s) => s.id === 'jail:www-jail')!.interfaces.find((i) => i.name === 'lo0');
    expect(lo0?.addresses).toEqual(['127.0.0.1/8']);
    const epair = read.topology.stacks[0]!.interfaces.find((i) => i.name === 'e0a_www_jail');
    expect(epair?.addresses).toEqual(['2001:db8::1/64']);
  });

  it("reads Patchbay's pf anchors back as pfctl prints them", async () => {
    const read = await readHost(createDemoHost());
    expect(read.pf.enabled).toBe(true);
    expect(read.pf.anchors.map((a) => a.name)).toEqual(['patchbay/intents', 'patchbay/nat']);
    expect(read.pf.anchors[1]!.nat).toEqual([
      'nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin',
      'nat on ixl0 inet from 10.0.1.0/24 to any -> (ixl0) round-robin',
    ]);
    expect(read.pf.anchors[0]!.rules).toContain('pass quick inet from 10.0.1.2 to any flags S/SA keep state');
  });

  it("pairs renamed epair ends across stacks: by a/b names, and by Patchbay's mark where nothing else tells", async () => {
    const host = new FreebsdEmulator();
    host.runSync({ argv: ['ifconfig', 'epair', 'create'] });
    host.runSync({ argv: ['ifconfig', 'epair0a', 'name', 'e0a_web'] });
    host.runSync({ argv: ['ifconfig', 'epair0b', 'name', 'e0b_web'] });
    host.runSync({ argv: ['jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=e0b_web'] });
    const read = await readHost(host);
    const a = read.topology.stacks[0]!.interfaces.find((i) => i.name === 'e0a_web');
    expect(a).toMatchObject({ kind: 'epair', end: 'a', peer: 'jail:web:e0b_web' });

    // 15: unrelated MACs, names with nothing in common; indexes are reused, so only the mark pairs them.
    const fifteen = new FreebsdEmulator({ release: '15', bridgePfilDefault15: 0 });
    const unpairedRead = async () => (await readHost(fifteen)).notes;
    fifteen.runSync({ argv: ['ifconfig', 'epair', 'create'] });
    fifteen.runSync({ argv: ['ifconfig', 'epair0a', 'name', 'left'] });
    fifteen.runSync({ argv: ['ifconfig', 'epair0b', 'name', 'right'] });
    fifteen.runSync({ argv: ['jail', '-c', 'name=web', 'persist', 'vnet', 'vnet.interface=right'] });
    expect(await unpairedRead()).toHaveLength(2);
    fifteen.runSync({ argv: ['ifconfig', 'left', 'description', 'patchbay epair left/right'] });
    fifteen.runSync({ argv: ['ifconfig', 'right', 'description', 'patchbay epair left/right: db'], jail: 'web' });
    const paired = await readHost(fifteen);
    expect(paired.notes).toEqual([]);
    expect(paired.topology.stacks[0]!.interfaces.find((i) => i.name === 'left')).toMatchObject({
      end: 'a',
      peer: 'jail:web:right',
    });
    expect(paired.topology.stacks[1]!.interfaces.find((i) => i.name === 'right')).toMatchObject({
      end: 'b',
      peer: 'host:left',
      description: 'db',
    });
  });

  it('returns exactly the state built in the emulator, for generated topologies', async () => {
    await fc.assert(
      fc.asyncProperty(validTopology, async (topology) => {
        const host = new FreebsdEmulator({
          release: topology.target.freebsd,
          hostname: topology.stacks[0]!.kind === 'host' ? topology.stacks[0]!.hostname : 'h',
          nics: nicsOf(topology),
          bridgePfilDefault15: 1,
        });
        await provision(host, topology);
        const read = await readHost(host);
        const expected = hostFacts(topology, false);
        const actual = hostFacts(read.topology, false);
        // The emulator's loopbacks exist on every stack; generated designs leave them out.
        for (const stack of Object.values(actual))
          for (const [name, iface] of Object.entries(stack.interfaces))
            if (iface.kind === 'loopback') delete stack.interfaces[name];
        expect(actual).toEqual(expected);
        expect(read.notes).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
