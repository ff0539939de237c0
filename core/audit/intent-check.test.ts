import { describe, expect, it } from 'vitest';
import type { Topology } from '../topology/schema';
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
