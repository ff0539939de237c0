import { describe, expect, it } from 'vitest';
import { readHost } from '../../discovery/read-host';
import { FreebsdEmulator } from '../emulator';
import { LOAD_PF_CONF, pfConfFiles } from './hooks';

// A host whose main ruleset carries Patchbay's hook lines: discovery then sees the anchors inline,
// as a real host with those lines in /etc/pf.conf shows them.

describe('Patchbay hooks in the main ruleset', () => {
  it('make live-loaded anchors part of what discovery reads for the host', async () => {
    const host = new FreebsdEmulator({
      nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }],
      files: pfConfFiles(),
    });
    for (const argv of [[...LOAD_PF_CONF], ['pfctl', '-e']]) expect(host.runSync({ argv }).code).toBe(0);
    host.runSync({
      argv: ['pfctl', '-a', 'patchbay/nat', '-f', '-'],
      stdin: 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n',
    });
    host.runSync({
      argv: ['pfctl', '-a', 'patchbay/policy', '-f', '-'],
      stdin: 'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\n',
    });
    const read = await readHost(host);
    const stack = read.topology.stacks.find((s) => s.kind === 'host')!;
    expect(stack.pf?.rules).toContain('block drop quick inet from 10.0.1.0/24 to 192.168.1.0/24');
    expect(stack.pf?.nat).toContain('nat on ixl0 inet from 10.0.0.0/24 to any -> (ixl0) round-robin');
    expect(read.pf.anchors.map((a) => a.name)).toEqual(['patchbay/nat', 'patchbay/policy']);
  });

  it('without them, the same anchors exist but the host ruleset discovery reads is empty', async () => {
    const host = new FreebsdEmulator({ nics: [{ name: 'ixl0', addresses: ['192.168.1.10/24'] }] });
    host.runSync({ argv: ['pfctl', '-e'] });
    host.runSync({
      argv: ['pfctl', '-a', 'patchbay/policy', '-f', '-'],
      stdin: 'block drop quick from 10.0.1.0/24 to 192.168.1.0/24\n',
    });
    const read = await readHost(host);
    expect(read.topology.stacks.find((s) => s.kind === 'host')!.pf?.rules).toBe('');
    expect(read.pf.anchors.map((a) => a.name)).toEqual(['patchbay/policy']);
  });
});
