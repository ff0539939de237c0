import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type PairVerdict, type Source } from './audit';
import { explain } from './report';
import { referencePf } from './walk';

// Translation in the audit's walk, on the blog network (core/demo/blog-network.ts: host ixl0
// 192.168.1.10 on the LAN, www-jail 10.0.0.3 on bridge0) with the host's own pf. The scenarios are
// those of FreeBSD's tests/sys/netpfil/pf/rdr.sh and nat.sh: a port forwarded to a jail, `rdr pass`
// against a plain rdr that the filter rules then judge, and the reply translated back.
// pf's order is pf.c pf_test_rule: pf_get_translation (rdr, then binat, on the way in) before the
// filter rules, which see the translated packet; `natpass` skips them.

function blogWithPf(rules: string, nat: string): Topology {
  const topology = blogNetwork();
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  host.pf = { enabled: true, rules, nat };
  return topology;
}

const LAN: Source = { kind: 'lan', id: 'lan' };
const FORWARDED: Destination = { kind: 'address', address: '192.168.1.10', probe: { proto: 'tcp', port: 2001 } };
const NAT = 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)';
const RDR = 'rdr on ixl0 inet proto tcp from any to any port 2001 -> 10.0.0.3 port 22';
const RDR_PASS = 'rdr pass on ixl0 inet proto tcp from any to any port 2001 -> 10.0.0.3 port 22';

/** The pair asked with the bit-set pf and with the reference one, which must agree. */
function ask(topology: Topology, source: Source, destination: Destination): PairVerdict {
  const fast = new Auditor(topology).pair(source, destination, { trace: true });
  const reference = new Auditor(topology, 'from-design', { pf: referencePf }).pair(source, destination);
  expect(reference.verdict, 'reference pf').toBe(fast.verdict);
  expect(new Auditor(topology).verdict(source, destination), 'verdict()').toBe(fast.verdict);
  return fast;
}

const texts = (steps: readonly { text: string }[] | undefined) => (steps ?? []).map((s) => s.text);

describe('rdr in the walk', () => {
  it('forwards the host port to the jail, rewriting address and port before the filter rules', () => {
    const pass22 = 'pass in on ixl0 proto tcp to 10.0.0.3 port 22';
    const result = ask(blogWithPf(`block in on ixl0 all\n${pass22}`, `${NAT}\n${RDR}`), LAN, FORWARDED);
    expect(result.verdict).toBe('reachable');
    const forward = result.explained!.forward;
    expect(forward.outcome).toMatchObject({ kind: 'delivered', at: { kind: 'stack' } });
    expect(forward.dport).toBe(22);
    expect(texts(forward.steps)).toContainEqual(
      expect.stringMatching(
        /^rdr in gateway\.example\.org on ixl0: 192\.168\.1\.10:2001 → 10\.0\.0\.3:22 \(main ruleset line 2: rdr on/,
      ),
    );
    // The filter rule that passed it is the one naming the translated destination.
    expect(texts(forward.steps)).toContainEqual(expect.stringContaining(`passed by main ruleset line 2: ${pass22}`));
  });

  it('lets rdr pass skip the filter rules, while a plain rdr meets the block', () => {
    const rules = 'block in on ixl0 all\npass out all';
    const passed = ask(blogWithPf(rules, `${NAT}\n${RDR_PASS}`), LAN, FORWARDED);
    expect(passed.verdict).toBe('reachable');
    expect(texts(passed.explained!.forward.steps)).toContain(
      'pf in gateway.example.org: in on ixl0: not filtered (rdr pass)',
    );
    const blocked = ask(blogWithPf(rules, `${NAT}\n${RDR}`), LAN, FORWARDED);
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.explained!.rule).toMatchObject({ line: 1, text: 'block in on ixl0 all' });
  });

  it('translates the reply back to the address and port the client asked', () => {
    const result = ask(blogWithPf('pass all', `${NAT}\n${RDR_PASS}`), LAN, FORWARDED);
    const reply = result.explained!.reply!;
    expect(reply.src).toBe(0xc0a8010a); // 192.168.1.10, the address asked
    expect(texts(reply.steps)).toContain(
      'pf in gateway.example.org translates the reply back on ixl0: 10.0.0.3:22 → 192.168.1.10:2001',
    );
  });

  it('does not redirect a port the rule does not name', () => {
    const other: Destination = { kind: 'address', address: '192.168.1.10', probe: { proto: 'tcp', port: 2002 } };
    const result = ask(blogWithPf('pass all', `${NAT}\n${RDR_PASS}`), LAN, other);
    expect(result.explained!.forward.outcome).toMatchObject({ kind: 'delivered', at: { kind: 'stack' } });
    expect(result.explained!.forward.dst).toBe(0xc0a8010a); // the host itself answers
  });

  it('applies rdr-to on a pass rule', () => {
    const rule = 'pass in on ixl0 inet proto tcp to port 2001 rdr-to 10.0.0.3 port 22';
    const result = ask(blogWithPf(`block in on ixl0 all\n${rule}`, NAT), LAN, FORWARDED);
    expect(result.verdict).toBe('reachable');
    expect(result.explained!.forward.dport).toBe(22);
    expect(result.explained!.forward.dst).toBe(0x0a000003);
  });

  it('matches received-on on the way out of the host: the interface the packet came in on', () => {
    const rules = 'pass all\nblock out on bridge0 all received-on ixl0';
    const result = ask(blogWithPf(rules, `${NAT}\n${RDR}`), LAN, FORWARDED);
    expect(result.verdict).toBe('blocked');
    expect(result.explained!.rule).toMatchObject({ line: 2 });
    // A jail's own traffic to www never came in on ixl0.
    expect(ask(blogWithPf(rules, NAT), { kind: 'stack', id: 'snort' }, { kind: 'stack', id: 'www' }).verdict).toBe(
      'reachable',
    );
  });

  it('marks a verdict a rule it cannot evaluate could change as uncertain, and says so in the explanation', () => {
    const topology = blogWithPf('pass all\npass in on ixl0 all tagged web', `${NAT}\n${RDR}`);
    const result = ask(topology, LAN, FORWARDED);
    expect(result.uncertain?.reason).toMatch(/tagged/);
    expect(explain(topology, LAN, FORWARDED).uncertain).toMatchObject({
      rule: 'main ruleset line 2: pass in on ixl0 all tagged web',
      reason: expect.stringMatching(/tagged/),
    });
  });
});

describe('ports only rdr rules name, in the matrix fast path', () => {
  it('are told from "other ports" by a filter range holding them (port 1000:3000 holds 2001, not 47123)', () => {
    const topology = blogWithPf('pass all\nblock in quick proto tcp from any to any port 1000:3000', RDR);
    const fast = new Auditor(topology);
    const reference = new Auditor(topology, 'from-design', { pf: referencePf });
    const jails = topology.stacks.filter((s) => s.kind === 'jail');
    const destinations: Destination[] = [{ kind: 'host' }, ...jails.map((j) => ({ kind: 'stack' as const, id: j.id }))];
    for (const jail of jails) {
      const source: Source = { kind: 'stack', id: jail.id };
      for (const destination of destinations) {
        if (destination.kind === 'stack' && destination.id === jail.id) continue;
        const expected = reference.pair(source, destination).verdict;
        expect([jail.id, destination, fast.verdict(source, destination)]).toEqual([jail.id, destination, expected]);
      }
    }
    // The range blocks tcp/2001 from the jails to the host, and nothing else: partly reachable.
    expect(reference.pair({ kind: 'stack', id: jails[0]!.id }, { kind: 'host' }).verdict).toBe('partial');
  });
});
