import { readFileSync } from 'node:fs';
import { dualStackBlog } from '../../core/testing/dual-stack';
import { TopologySchema, type Topology } from '../../core/topology/schema';

// Designs for the audit's tests, all from examples/blog.json (what docs/ci.md's repository holds):
// the blog network, a change that opens a path to the LAN and breaks its intent, and a pair where
// only a new path to the LAN differs (no intent in either).

export function blogExample(): Topology {
  return TopologySchema.parse(JSON.parse(readFileSync(new URL('../../examples/blog.json', import.meta.url), 'utf8')));
}

/** The blog with "the tor relay may reach the LAN": a new path, and tor-internet-only broken by it. */
export function blogTorReachesLan(): Topology {
  const design = blogExample();
  design.intents.push({
    kind: 'may-reach',
    id: 'tor-to-lan',
    description: 'the relay copies its keys to the backup box',
    from: { kind: 'stack', id: 'tor' },
    to: { kind: 'segment', id: 'lan' },
    protocol: 'any',
    ports: [],
  });
  return design;
}

/** The blog with a port forward on the host: the LAN opens www-jail's tcp/443 at the host's address. */
export function blogWithPortForward(): Topology {
  const design = blogExample();
  design.stacks[0]!.pf = {
    enabled: true,
    rules: '',
    nat: '',
    conf: [
      'nat-anchor "patchbay/*"',
      'rdr pass on ixl0 inet proto tcp from any to (ixl0) port 443 -> 10.0.0.3 port 443',
      'anchor "patchbay/*"',
    ].join('\n'),
  };
  return design;
}

/** The blog without intents, and the tor relay without its default route (it reaches nothing beyond its bridge). */
export function blogWithoutIntents(options: { torRoutes: boolean }): Topology {
  const design = blogExample();
  design.intents = [];
  if (!options.torRoutes) design.stacks.find((s) => s.id === 'tor')!.defaultGateway = {};
  return design;
}

/**
 * core's dual-stack blog as a design: without the link-local and ::1 addresses, which the host's
 * kernel adds and a design leaves out (validate's address.kernel), so the host's IPv6 gateway is the
 * router's global address rather than fe80::1 (which the audit then finds on none of its networks).
 */
export function dualStackDesign(options: { snortIpv6: boolean } = { snortIpv6: true }): Topology {
  const design = dualStackBlog();
  for (const stack of design.stacks) {
    for (const iface of stack.interfaces)
      iface.addresses = iface.addresses.filter(
        (a) =>
          !a.startsWith('fe80:') && a !== '::1/128' && (options.snortIpv6 || stack.id !== 'snort' || !a.includes(':')),
      );
    if (!options.snortIpv6 && stack.id === 'snort') delete stack.defaultGateway.ipv6;
    if (stack.kind === 'host') stack.defaultGateway.ipv6 = '2001:db8:1::1';
  }
  return design;
}
