import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { parseAddr } from '../net/addr';
import { dualStackBlog, withLinkLocals } from '../testing/dual-stack';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type Source } from './audit';
import { auditMatrix, familyVerdictOfCode, NO_IPV6 } from './matrix';
import { walk } from './walk';

// IPv6 verdicts on the dual-stack blog network (core/testing/dual-stack.ts): snort and www have
// global addresses in the LAN's delegated /48, the tor relay only a unique-local one.

const jail = (id: string): Source & Destination => ({ kind: 'stack', id });
const INTERNET: Source & Destination = { kind: 'internet' };
const LAN: Destination = { kind: 'lan' };
const texts = (steps: readonly { text: string }[] | undefined) => (steps ?? []).map((s) => s.text);

/** The IPv6 verdict through pair() (every probe, with reasons), checked against the fast path. */
function audit6(topology: Topology, source: Source, destination: Destination) {
  const slow = new Auditor(topology).pair(source, destination, { trace: true, family: 6 });
  expect(new Auditor(topology).verdict(source, destination, 6), 'fast path').toBe(slow.verdict);
  return slow;
}

function withHostPf(topology: Topology, rules: string, nat = ''): Topology {
  topology.stacks.find((s) => s.id === 'host')!.pf = { enabled: true, rules, nat };
  return topology;
}

describe('IPv6 verdicts', () => {
  it('lets a jail with a global address reach the internet untranslated: no NAT66 unless a rule says so', () => {
    const result = audit6(dualStackBlog(), jail('snort'), INTERNET);
    expect(result.verdict).toBe('reachable');
    expect(result.family).toBe(6);
    expect(result.explained?.forward.src).toBe(parseAddr('2001:db8:1:a::2')!.address);
    expect(texts(result.explained?.forward.steps).some((t) => t.startsWith('nat '))).toBe(false);
  });

  it('makes a jail with a global address reachable from the internet unless pf blocks it', () => {
    expect(audit6(dualStackBlog(), INTERNET, jail('snort')).verdict).toBe('reachable');
    const blocked = audit6(withHostPf(dualStackBlog(), 'block in on ixl0 inet6 all'), INTERNET, jail('snort'));
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.explained?.rule?.text).toBe('block in on ixl0 inet6 all');
    // An IPv4-only rule says nothing about IPv6, and the other way round.
    expect(audit6(withHostPf(dualStackBlog(), 'block in on ixl0 inet all'), INTERNET, jail('snort')).verdict).toBe(
      'reachable',
    );
    const v4 = new Auditor(
      withHostPf(dualStackBlog(), 'block in on ixl0 inet6 all', 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)'),
    );
    expect(v4.verdict(jail('snort'), INTERNET)).toBe('reachable');
  });

  it('never routes a unique-local address to or from the internet', () => {
    const out = audit6(dualStackBlog(), jail('tor'), INTERNET);
    expect(out.verdict).toBe('no-route');
    expect(out.summary).toMatch(/unique local address \(fc00::\/7\): never routed to or from the internet/);
    expect(audit6(dualStackBlog(), INTERNET, jail('tor')).verdict).toBe('no-route');
  });

  it('reaches the LAN at a free address of its IPv6 prefix, and says which', () => {
    const result = audit6(dualStackBlog(), jail('www'), LAN);
    expect(result.verdict).toBe('reachable');
    expect(result.address).toBe('2001:db8:1:ffff:ffff:ffff:ffff:fffe');
  });

  it('applies a nat rule to IPv6 only when its target yields an IPv6 address (pf_lb.c pf_map_addr)', () => {
    const toV4 = withHostPf(dualStackBlog(), '', 'nat on ixl0 from any to any -> 192.0.2.1');
    expect(texts(audit6(toV4, jail('snort'), INTERNET).explained?.forward.steps).some((t) => t.startsWith('nat'))).toBe(
      false,
    );
    const toIface = withHostPf(dualStackBlog(), '', 'nat on ixl0 from any to any -> (ixl0)');
    const translated = audit6(toIface, jail('snort'), INTERNET);
    expect(translated.verdict).toBe('reachable');
    expect(texts(translated.explained?.forward.steps)).toContainEqual(
      expect.stringMatching(/^nat in gateway\.example\.org on ixl0: 2001:db8:1:a::2 → 2001:db8:1::10/),
    );
  });

  it('keeps link-local addresses to their link: reachable with the zone, never forwarded', () => {
    // snort's link-local is the kernel's: written out here as ifconfig(8) on the host shows it.
    const host: Source = { kind: 'stack', id: 'host' };
    const onLink = audit6(withLinkLocals(dualStackBlog()), host, { kind: 'address', address: 'fe80::a2%bridge0' });
    expect(onLink.verdict).toBe('reachable');
    expect(onLink.address).toBe('fe80::a2%bridge0');
    const noZone = audit6(withLinkLocals(dualStackBlog()), host, { kind: 'address', address: 'fe80::a2' });
    expect(noZone.verdict).toBe('no-route');
    expect(noZone.summary).toMatch(/needs a zone/);
    // The other bridge is another link: snort's link-local is not there.
    expect(
      audit6(withLinkLocals(dualStackBlog()), host, { kind: 'address', address: 'fe80::a2%bridge1' }).verdict,
    ).toBe('no-route');
    // A packet from a link-local source is not forwarded off its link (ip6_forward.c scope checks).
    const net = new Auditor(withLinkLocals(dualStackBlog())).net;
    const trip = walk(
      net,
      { kind: 'stack', stack: net.stackById.get('snort')! },
      net.internetSample6,
      {
        proto: 'icmp',
      },
      { src: parseAddr('fe80::a2')!.address },
    );
    expect(trip.outcome).toMatchObject({ kind: 'no-route', reason: expect.stringMatching(/link-local/) });
  });

  it("answers 'no IPv6 here' apart from a real no route (issue 17 defect 8: IPv6 questions answer 'no route', which looks the same as a real no route)", () => {
    const topology = dualStackBlog();
    // www loses its IPv6 addresses: nothing to ask about it in IPv6.
    const www = topology.stacks.find((s) => s.id === 'www')!;
    for (const iface of www.interfaces) iface.addresses = iface.addresses.filter((a) => !a.includes(':'));
    const auditor = new Auditor(topology);
    expect(auditor.familyVerdict(jail('snort'), jail('www'), 6)).toBe('no-ipv6');
    expect(auditor.familyVerdict(jail('www'), INTERNET, 6)).toBe('no-ipv6');
    const pair = auditor.pair(jail('snort'), jail('www'), { family: 6 });
    expect(pair).toMatchObject({ noIpv6: true, family: 6 });
    expect(pair.summary).toMatch(/^no IPv6 here: www-jail has no IPv6 address/);
    // A real no route stays one: tor's unique-local address never reaches the internet.
    expect(auditor.familyVerdict(jail('tor'), INTERNET, 6)).toBe('no-route');
    const matrix = auditMatrix(auditor);
    const cell = (from: string, to: number) =>
      familyVerdictOfCode(matrix.cells6![matrix.sources.indexOf(from) * matrix.destinations.length + to]!);
    const wwwColumn = matrix.destinations.findIndex((d) => d.kind === 'stack' && d.id === 'www');
    expect(cell('snort', wwwColumn)).toBe('no-ipv6');
    expect(cell('snort', 1)).toBe('reachable');
    expect(cell('tor', 1)).toBe('no-route');
    expect(matrix.cells6!.includes(NO_IPV6)).toBe(true);
  });

  it('gives a design without IPv6 no IPv6 cells at all, and leaves its IPv4 cells as they were', () => {
    expect(auditMatrix(new Auditor(blogNetwork())).cells6).toBeUndefined();
    expect([...auditMatrix(new Auditor(dualStackBlog())).cells]).toEqual([
      ...auditMatrix(new Auditor(blogNetwork())).cells,
    ]);
  });
});

describe('the kernel-made link-local address', () => {
  it('routes via a link-local gateway on an interface whose fe80:: address is left to the kernel', () => {
    // dualStackBlog() lists no link-local address (they are the kernel's); the host's IPv6 default
    // route is via fe80::1%ixl0, on-link through ixl0's own fe80::/64 (in6_ifattach).
    const design = dualStackBlog();
    expect(
      design.stacks.flatMap((s) => s.interfaces.flatMap((i) => i.addresses)).some((a) => a.startsWith('fe80')),
    ).toBe(false);
    const result = audit6(design, { kind: 'stack', id: 'host' }, { kind: 'internet' });
    expect(result.verdict).toBe('reachable');
    expect(result.summary).not.toMatch(/on none of its networks/);
  });
});
