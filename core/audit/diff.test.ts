import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { dualStackBlog } from '../testing/dual-stack';
import type { Topology } from '../topology/schema';
import { audited, diffAudited, type AuditChange, type AuditSide } from './diff';

const diffAudits = (before: AuditSide, after: AuditSide) => diffAudited(audited(before), audited(after));

describe('diffAudited', () => {
  it('names the pairs an edit opens and closes, by jail name, and nothing else', () => {
    const before = blogNetwork();
    const after = blogNetwork();
    after.intents = [];
    const changes = diffAudits(
      { topology: before, patchbay: 'from-design' },
      { topology: after, patchbay: 'from-design' },
    );
    expect(changes.filter((c) => c.kind === 'gained').map((c) => `${c.source}>${c.destination}`)).toEqual([
      'tor-relay>host',
      'tor-relay>LAN',
      'tor-relay>snort-jail',
      'tor-relay>www-jail',
    ]);
    expect(changes.every((c) => c.source === 'tor-relay' || c.destination === 'tor-relay')).toBe(true);
    expect(
      diffAudits({ topology: before, patchbay: 'from-design' }, { topology: blogNetwork(), patchbay: 'from-design' }),
    ).toEqual([]);
  });

  it('marks pairs of a jail that only one side has as absent', () => {
    const after = blogNetwork();
    after.stacks = after.stacks.filter((s) => s.id !== 'www');
    const changes = diffAudits(
      { topology: blogNetwork(), patchbay: 'from-design' },
      { topology: after, patchbay: 'from-design' },
    );
    expect(changes.find((c) => c.source === 'www-jail' && c.destination === 'LAN')).toEqual({
      source: 'www-jail',
      destination: 'LAN',
      before: 'reachable',
      after: 'absent',
      kind: 'lost',
      family: 4,
    });
  });
});

// In both families, on the dual-stack blog (core/testing/dual-stack.ts: snort and www on
// 2001:db8:1:a::/64, tor-relay on unique-local fd00:1::2 only, the LAN 2001:db8:1::/48).

const fromDesign = (topology: Topology): AuditSide => ({ topology, patchbay: 'from-design' });
const named = (changes: AuditChange[]) => changes.map((c) => `${c.source}>${c.destination} IPv${c.family} ${c.kind}`);

/** The dual-stack blog with tor-relay's IPv6 addresses taken away: it has none, like the IPv4-only blog's. */
function dualStackWithoutTor6(): Topology {
  const topology = dualStackBlog();
  const tor = topology.stacks.find((s) => s.id === 'tor')!;
  for (const iface of tor.interfaces) iface.addresses = iface.addresses.filter((a) => !a.includes(':'));
  delete tor.defaultGateway.ipv6;
  return topology;
}

describe('diffAudited in IPv4 and IPv6', () => {
  it('reports a change only IPv6 sees as IPv6 changes, IPv4 left out', () => {
    const after = dualStackBlog();
    after.stacks.find((s) => s.kind === 'host')!.forwarding.ipv6 = false;
    const changes = diffAudits(fromDesign(dualStackBlog()), fromDesign(after));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.family === 6)).toBe(true);
    expect(named(changes)).toContain('snort-jail>internet IPv6 lost');
    // Both jails sit on bridge0 with the host: no forwarding needed between them.
    expect(named(changes).some((c) => c.startsWith('snort-jail>www-jail'))).toBe(false);
  });

  it('says "no IPv6 here" was the IPv6 verdict before, and leaves out pairs with no IPv6 on either side', () => {
    const changes = diffAudits(fromDesign(blogNetwork()), fromDesign(dualStackWithoutTor6()));
    expect(changes.every((c) => c.family === 6)).toBe(true);
    expect(changes.find((c) => c.source === 'snort-jail' && c.destination === 'LAN')).toEqual({
      source: 'snort-jail',
      destination: 'LAN',
      family: 6,
      before: 'no-ipv6',
      after: 'reachable',
      kind: 'gained',
    });
    expect(changes.filter((c) => c.source === 'tor-relay' || c.destination === 'tor-relay')).toEqual([]);
  });

  it('says a removed jail without IPv6 once, in IPv4, and one with IPv6 in both families', () => {
    const withoutTor = dualStackWithoutTor6();
    withoutTor.stacks = withoutTor.stacks.filter((s) => s.id !== 'tor');
    const torGone = diffAudits(fromDesign(dualStackWithoutTor6()), fromDesign(withoutTor));
    expect(torGone.length).toBeGreaterThan(0);
    expect(torGone.every((c) => c.family === 4 && c.after === 'absent')).toBe(true);
    const withoutWww = dualStackBlog();
    withoutWww.stacks = withoutWww.stacks.filter((s) => s.id !== 'www');
    const wwwGone = diffAudits(fromDesign(dualStackBlog()), fromDesign(withoutWww));
    expect(named(wwwGone)).toEqual(expect.arrayContaining(['www-jail>LAN IPv4 lost', 'www-jail>LAN IPv6 lost']));
  });
});
