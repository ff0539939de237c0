import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { parseAddr } from '../net/addr';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type Source } from './audit';
import { lookupRoute } from './routes';

// Issue 17's walk defects 4, 5 and 6, each with the scenario that showed it, on the blog network
// (core/demo/blog-network.ts): host 192.168.1.10 on ixl0, bridge0 10.0.0.1/24 with snort (10.0.0.2)
// and www (10.0.0.3), bridge1 10.0.1.1/24 with the tor relay.

const HOST: Source = { kind: 'stack', id: 'host' };
const at = (address: string): Destination => ({ kind: 'address', address });

function hostPf(rules: string, change?: (t: Topology) => void): Topology {
  const topology = blogNetwork();
  topology.stacks.find((s) => s.id === 'host')!.pf = { enabled: true, rules, nat: '' };
  change?.(topology);
  return topology;
}

/** Bastille's loopback clone on the host: lo1 with a jail address (BastilleBSD networking docs). */
function withLo1(t: Topology): void {
  t.stacks
    .find((s) => s.id === 'host')!
    .interfaces.push({ kind: 'loopback', id: 'host:lo1', name: 'lo1', up: true, addresses: ['10.17.89.1/32'] });
}

function verdict(topology: Topology, source: Source, destination: Destination) {
  const pair = new Auditor(topology).pair(source, destination, { trace: true });
  expect(new Auditor(topology).verdict(source, destination), 'fast path').toBe(pair.verdict);
  return pair;
}

describe('issue 17 defect 4', () => {
  it('A question from a stack to one of its own addresses leaves the source unset, so the reply goes to 0.0.0.0. This happens with no pf at all.', () => {
    const snort: Source = { kind: 'stack', id: 'snort' };
    const own = verdict(blogNetwork(), snort, at('10.0.0.2'));
    expect(own.verdict).toBe('reachable');
    // in_pcbladdr(): the source is the address of the interface holding the destination.
    expect(own.explained?.forward.src).toBe(parseAddr('10.0.0.2')!.address);
    expect(own.explained?.reply?.dst).toBe(parseAddr('10.0.0.2')!.address);
    expect(verdict(blogNetwork(), HOST, at('10.0.1.1')).verdict).toBe('reachable');
    expect(verdict(blogNetwork(), snort, at('127.0.0.1')).verdict).toBe('reachable');
  });
});

describe('issue 17 defect 5', () => {
  it('Loopback addresses are treated as neither local nor routable (the `set skip on lo` cases).', () => {
    // pf sees traffic to the stack's own addresses out and in on the loopback.
    const blocked = verdict(hostPf('block all'), HOST, at('127.0.0.1'));
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.summary).toMatch(/blocks it out on lo0/);
    expect(verdict(hostPf('set skip on lo0\nblock all'), HOST, at('127.0.0.1')).verdict).toBe('reachable');
    expect(verdict(hostPf('set skip on lo\nblock all'), HOST, at('127.0.0.1')).verdict).toBe('reachable');
    // The host's address on a real interface goes over lo0 too.
    expect(verdict(hostPf('block all'), HOST, at('192.168.1.10')).summary).toMatch(/on lo0/);
    expect(verdict(hostPf('set skip on lo\nblock all'), HOST, at('192.168.1.10')).verdict).toBe('reachable');
    // An alias on a cloned loopback (lo1, in group "lo") is local and goes over lo1.
    expect(verdict(hostPf('set skip on lo\nblock all', withLo1), HOST, at('10.17.89.1')).verdict).toBe('reachable');
    expect(verdict(hostPf('set skip on lo1\nblock all', withLo1), HOST, at('10.17.89.1')).verdict).toBe('reachable');
    const lo0Only = verdict(hostPf('set skip on lo0\nblock all', withLo1), HOST, at('10.17.89.1'));
    expect(lo0Only.verdict).toBe('blocked');
    expect(lo0Only.summary).toMatch(/on lo1/);
    // Routable: a host route via lo1, and a jail reaches it through the host (no pf there).
    const withAlias = blogNetwork();
    withLo1(withAlias);
    const auditor = new Auditor(withAlias);
    expect(lookupRoute(auditor.net.stackById.get('host')!, parseAddr('10.17.89.1')!.address)?.iface?.name).toBe('lo1');
    expect(verdict(withAlias, { kind: 'stack', id: 'snort' }, at('10.17.89.1')).verdict).toBe('reachable');
    // ::1 too, and a loopback address never arrives from a wire.
    expect(verdict(hostPf('block all'), HOST, at('::1')).verdict).toBe('blocked');
    expect(verdict(hostPf('set skip on lo\nblock all'), HOST, at('::1')).verdict).toBe('reachable');
  });
});

describe('issue 17 defect 6', () => {
  /** snort shares a second network with the host's bridge member e0a_snort_jail, which carries an address. */
  function memberAddressed(release: '13' | '14' | '15'): Topology {
    const topology = blogNetwork();
    topology.target.freebsd = release;
    const host = topology.stacks.find((s) => s.id === 'host')!;
    host.interfaces.find((i) => i.name === 'e0a_snort_jail')!.addresses.push('10.9.9.1/24');
    const snort = topology.stacks.find((s) => s.id === 'snort')!;
    snort.interfaces.find((i) => i.kind === 'epair')!.addresses.push('10.9.9.2/24');
    return topology;
  }

  it("A frame arriving on a bridge member is checked only against the bridge's addresses, never against the member's own (14.x allows addresses on members).", () => {
    const snort: Source = { kind: 'stack', id: 'snort' };
    for (const release of ['13', '14'] as const) {
      const result = verdict(memberAddressed(release), snort, at('10.9.9.1'));
      expect(result.verdict, release).toBe('reachable');
      expect(result.explained?.forward.steps.map((s) => s.text)).toContainEqual(
        expect.stringMatching(/hands it up on member e0a_snort_jail/),
      );
    }
    // FreeBSD 15 (net.link.bridge.member_ifaddrs=0): members hold no addresses that answer.
    expect(verdict(memberAddressed('15'), snort, at('10.9.9.1')).verdict).toBe('no-route');
    // pf sees the frame `in` on the member it went up on.
    const pf = memberAddressed('14');
    pf.stacks.find((s) => s.id === 'host')!.pf = {
      enabled: true,
      rules: 'block in on e0a_snort_jail all',
      nat: '',
    };
    expect(verdict(pf, snort, at('10.9.9.1')).verdict).toBe('blocked');
  });
});
