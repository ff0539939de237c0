import { describe, expect, it } from 'vitest';
import type { Topology } from '../topology/schema';
import { blogNetwork } from '../demo/blog-network';
import { dualStackBlog } from '../testing/dual-stack';
import { Auditor } from './audit';
import { checkIntents } from './intent-check';

// Intents judged in both families, on the dual-stack blog (core/testing/dual-stack.ts: tor-relay on
// 10.0.1.2 and fd00:1::2, the LAN 192.168.1.0/24 and 2001:db8:1::/48, www and snort on
// 2001:db8:1:a::/64) with the blog's intent "tor-relay reaches only the internet". The host's IPv4
// rules keep tor off the LAN, the host and the other jails and nat it to the internet.

const IPV4_ONLY = [
  'pass all',
  'block in quick inet from 10.0.1.0/24 to 192.168.0.0/16',
  'block in quick inet from 10.0.1.0/24 to 10.0.0.0/8',
].join('\n');
const NAT = 'nat on ixl0 inet from 10.0.0.0/8 to any -> (ixl0)';

function dualWithPf(rules: string): Topology {
  const topology = dualStackBlog();
  topology.stacks.find((s) => s.kind === 'host')!.pf = { enabled: true, rules, nat: NAT };
  return topology;
}

const torResult = (topology: Topology) =>
  checkIntents(new Auditor(topology), topology).find((r) => r.intent.id === 'tor-internet-only')!;

describe('intents in IPv6', () => {
  it('reports tor reaching the LAN over IPv6 when only IPv4 rules keep it off', () => {
    const result = torResult(dualWithPf(IPV4_ONLY));
    expect(result.holds).toBe(false);
    // Every violation is IPv6's: IPv4 holds.
    expect(result.violations.every((v) => v.family === 6 && v.pair.endsWith(' over IPv6'))).toBe(true);
    const lan = result.violations.find((v) => v.destination.kind === 'lan');
    expect(lan).toMatchObject({ pair: 'tor-relay → LAN over IPv6', expected: 'unreachable' });
    expect(['reachable', 'one-way']).toContain(lan!.found);
  });

  it('holds when inet6 rules keep tor in too; its unique-local address is not asked to reach the internet', () => {
    const result = torResult(dualWithPf(`${IPV4_ONLY}\nblock in quick inet6 from fd00:1::/64 to any`));
    expect(result.violations).toEqual([]);
    expect(result.holds).toBe(true);
  });

  it('reports an inbound-only intent broken by a port open on the jail IPv6 address, naming the family', () => {
    const topology = dualWithPf('pass all');
    topology.intents = [
      { kind: 'inbound-only', id: 'www-in', subject: { kind: 'stack', id: 'www' }, origin: 'internet', allow: [] },
    ];
    const [result] = checkIntents(new Auditor(topology), topology);
    expect(result!.holds).toBe(false);
    expect(result!.violations.every((v) => v.family === 6 && v.pair.includes('(IPv6)'))).toBe(true);
    expect(result!.violations.map((v) => v.pair)).toContain(
      'www-jail — tcp (other ports) from the internet at 2001:db8:1:a::3 (IPv6)',
    );
  });
});

// A pair intent towards the LAN (or the internet, or the host) with ports is judged on those ports,
// as compile-intents.ts writes them (`port 22`), not on every probe. The host lets tor reach the LAN
// on tcp/22 only; every other probe to the LAN is blocked.
describe('pair intents with ports towards the LAN', () => {
  // pf's first `quick` match decides: the tcp/22 pass goes before the block.
  const TCP22_ONLY = [
    'pass all',
    'pass in quick inet proto tcp from 10.0.1.0/24 to 192.168.1.0/24 port 22',
    'block in quick inet from 10.0.1.0/24 to 192.168.1.0/24',
  ].join('\n');
  function design(kind: 'may-reach' | 'deny' | 'allow', port: number): Topology {
    const topology = blogNetwork();
    const host = topology.stacks.find((s) => s.kind === 'host')!;
    host.pf = { enabled: true, rules: TCP22_ONLY, nat: NAT };
    topology.intents = [
      {
        kind,
        id: 'tor-lan',
        from: { kind: 'stack', id: 'tor' },
        to: { kind: 'segment', id: 'lan' },
        protocol: 'tcp',
        ports: [port],
      },
    ];
    return topology;
  }
  const holds = (topology: Topology) => checkIntents(new Auditor(topology), topology)[0]!;

  it('may-reach tcp/22 holds where only tcp/22 reaches the LAN; tcp/80 is broken', () => {
    expect(holds(design('may-reach', 22)).violations).toEqual([]);
    const broken = holds(design('may-reach', 80));
    expect(broken.holds).toBe(false);
    expect(broken.violations[0]).toMatchObject({ pair: 'tor-relay → LAN', expected: 'reachable', found: 'blocked' });
  });

  it('deny tcp/22 is broken there, deny tcp/80 holds', () => {
    // The audit checks the deny against the host's rules as they are: the deny is not compiled here.
    const topology = design('deny', 22);
    expect(new Auditor(topology).pair({ kind: 'stack', id: 'tor' }, { kind: 'lan' }).verdict).toBe('partial');
    expect(holds(topology).holds).toBe(false);
    expect(holds(design('deny', 80)).holds).toBe(true);
  });
});
