import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { validate } from '../validate/validate';
import { renderJailConfs } from './jail-conf';

// A shared-IP jail nested in a vnet jail shares that jail's stack: jail(8) would add `iface|addr` in
// the host's stack (command.c IP__IP4_IFADDR runs ifconfig where jail(8) runs), so the file adds the
// alias inside the vnet jail itself and writes the bare address.
describe('jail.conf for a shared-IP jail nested in a vnet jail', () => {
  it('adds its alias inside the parent by jexec, and lists the bare address', () => {
    const design = blogNetwork();
    const snort = design.stacks.find((s) => s.id === 'snort');
    if (snort?.kind !== 'jail') throw new Error('no snort');
    snort.childrenMax = 1;
    design.stacks.push({
      kind: 'jail',
      id: 'inner',
      name: 'inner',
      parent: 'snort',
      childrenMax: 0,
      interfaces: [],
      forwarding: { ipv4: false, ipv6: false },
      defaultGateway: {},
      staticRoutes: [],
      nat: [],
      sharedIp: { ip4: [{ interface: 'snort:e0b_snort_jail', address: '10.0.0.60' }], ip6: [] },
    });
    expect(validate(design).filter((p) => p.severity === 'error')).toEqual([]);
    const file = renderJailConfs(design).find((f) => f.jail === 'snort-jail')!.content;
    const inner = file.slice(file.indexOf('snort-jail.inner {'));
    expect(inner).toContain('\tip4.addr = "10.0.0.60/32";');
    expect(inner).not.toContain('\tvnet;');
    expect(inner).toContain(
      'exec.prestart += "/usr/sbin/jexec snort-jail /sbin/ifconfig e0b_snort_jail inet 10.0.0.60/32 alias";',
    );
    expect(inner).toContain(
      'exec.poststop += "/usr/sbin/jexec snort-jail /sbin/ifconfig e0b_snort_jail inet 10.0.0.60/32 -alias";',
    );
  });
});
