import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { parseAddr } from '../net/addr';
import type { Stack, Topology } from '../topology/schema';
import { Auditor, type Destination, type Source } from './audit';
import { explain } from './report';

// Issue "Questions and the schema", on the blog network (core/demo/blog-network.ts): host
// 192.168.1.10 on ixl0, bridge0 10.0.0.1/24 with snort (10.0.0.2) and www (10.0.0.3), bridge1
// 10.0.1.1/24 with the tor relay (10.0.1.2).

const HOST: Source = { kind: 'stack', id: 'host' };
const at = (address: string): Destination => ({ kind: 'address', address });
const stackOf = (t: Topology, id: string): Stack => t.stacks.find((s) => s.id === id)!;

function verdict(topology: Topology, source: Source, destination: Destination) {
  const pair = new Auditor(topology).pair(source, destination, { trace: true });
  expect(new Auditor(topology).verdict(source, destination), 'fast path').toBe(pair.verdict);
  return pair;
}

function hostPf(rules: string, change?: (t: Topology) => void): Topology {
  const topology = blogNetwork();
  stackOf(topology, 'host').pf = { enabled: true, rules, nat: '' };
  change?.(topology);
  return topology;
}

describe('a question pins the source address (ping -S)', () => {
  it('sends from the address named, and pf judges that address', () => {
    const t = hostPf('pass all\nblock out on bridge0 from 10.0.1.1 to any');
    expect(verdict(t, HOST, at('10.0.0.2')).verdict).toBe('reachable');
    const pinned = verdict(t, { ...HOST, address: '10.0.1.1' }, at('10.0.0.2'));
    expect(pinned.verdict).toBe('blocked');
    expect(pinned.explained?.forward.src).toBe(parseAddr('10.0.1.1')!.address);
    // Without pf in the way the reply finds its way back to the pinned address.
    const open = verdict(blogNetwork(), { ...HOST, address: '10.0.1.1' }, at('10.0.0.2'));
    expect(open.verdict).toBe('reachable');
    expect(open.explained?.reply?.dst).toBe(parseAddr('10.0.1.1')!.address);
  });

  it('refuses an address the stack does not have, naming it', () => {
    const pair = verdict(blogNetwork(), { kind: 'stack', id: 'snort', address: '10.0.0.3' }, at('10.0.0.1'));
    expect(pair.verdict).toBe('no-route');
    expect(pair.summary).toBe('snort-jail has no address 10.0.0.3: it cannot send from it');
    expect(verdict(blogNetwork(), { ...HOST, address: 'ten' }, at('10.0.0.2')).summary).toMatch(/"ten" is not/);
  });

  it('asks only the pinned family', () => {
    const pair = verdict(blogNetwork(), { ...HOST, address: '10.0.0.1' }, at('::1'));
    expect(pair.summary).toMatch(/the source 10\.0\.0\.1 is IPv4/);
    const explained = explain(blogNetwork(), { ...HOST, address: '10.0.0.1' }, { kind: 'stack', id: 'snort' });
    expect(explained.verdict).toBe('reachable');
    expect(explained.ipv6).toBeUndefined();
  });
});

describe('a question pins the egress interface (route -ifp / -iface)', () => {
  it('leaves by the interface named; the next hop is the destination on its link', () => {
    // The demo's tor intent blocks the reply either way: the request arrives, as it does unpinned.
    const right = verdict(blogNetwork(), { ...HOST, egress: 'bridge1' }, at('10.0.1.2'));
    expect(right.explained?.forward.outcome.kind).toBe('delivered');
    expect(right.verdict).toBe(verdict(blogNetwork(), HOST, at('10.0.1.2')).verdict);
    // tor is not on bridge0's link: nobody answers there.
    const wrong = verdict(blogNetwork(), { ...HOST, egress: 'bridge0' }, at('10.0.1.2'));
    expect(wrong.verdict).toBe('no-route');
    expect(wrong.explained?.forward.steps[0]?.text).toMatch(/→ bridge0 \(the question sends out of this interface\)/);
  });

  it("a route through the interface names the gateway: the default route's for ixl0", () => {
    const out = verdict(blogNetwork(), { ...HOST, egress: 'host:ixl0' }, at('8.8.8.8'));
    expect(out.explained?.forward.steps[0]?.text).toMatch(/default route → ixl0 via 192\.168\.1\.1/);
    expect(verdict(blogNetwork(), { ...HOST, egress: 'bridge0' }, at('8.8.8.8')).verdict).toBe('no-route');
  });

  it('refuses an interface the stack does not have, naming it', () => {
    const pair = verdict(blogNetwork(), { kind: 'stack', id: 'snort', egress: 'bridge0' }, at('10.0.0.1'));
    expect(pair.summary).toBe('snort-jail has no interface "bridge0" to send out of');
  });
});

describe('interface routes (route add -net X -iface IF)', () => {
  // The host has a second network on bridge0; www has no default route, only an interface route.
  function linked(route: boolean): Topology {
    const t = blogNetwork();
    const bridge0 = stackOf(t, 'host').interfaces.find((i) => i.id === 'host:bridge0')!;
    bridge0.addresses.push('10.0.5.1/24');
    const www = stackOf(t, 'www');
    www.defaultGateway = {};
    if (route) www.staticRoutes.push({ destination: '10.0.5.0/24', interface: 'www:e0b_www_jail' });
    return t;
  }

  it('reaches a host on that link, the destination being the next hop', () => {
    const www: Source = { kind: 'stack', id: 'www' };
    expect(verdict(linked(false), www, at('10.0.5.1')).verdict).toBe('no-route');
    const pair = verdict(linked(true), www, at('10.0.5.1'));
    expect(pair.verdict).toBe('reachable');
    expect(pair.explained?.forward.steps[0]?.text).toBe('www-jail: static route 10.0.5.0/24 → e0b_www_jail');
  });
});

describe('user interface groups (ifconfig IF group NAME)', () => {
  it('`block in on dmz` blocks traffic on interfaces in group dmz', () => {
    const t = hostPf('pass all\nblock in on dmz all', (t) => {
      stackOf(t, 'host').interfaces.find((i) => i.id === 'host:bridge1')!.groups = ['dmz'];
    });
    const tor = verdict(t, { kind: 'stack', id: 'tor' }, { kind: 'host' });
    expect(tor.verdict).toBe('blocked');
    expect(tor.summary).toMatch(/block in on dmz/);
    expect(verdict(t, { kind: 'stack', id: 'snort' }, { kind: 'host' }).verdict).toBe('reachable');
    // Without the group the rule matches nothing.
    expect(
      verdict(hostPf('pass all\nblock in on dmz all'), { kind: 'stack', id: 'tor' }, { kind: 'host' }).verdict,
    ).toBe('reachable');
  });
});
