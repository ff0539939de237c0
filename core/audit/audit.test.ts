import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { compilePf } from '../pf/compile';
import type { BridgeFilter, Topology } from '../topology/schema';
import { Auditor, type Destination, type PairVerdict, type Source, type Verdict } from './audit';
import { auditMatrix, cellVerdict } from './matrix';

// The audit's verdicts on the blog network (core/demo/blog-network.ts) and on variants of it with
// a host pf ruleset of their own. Every verdict is asked twice: through `pair` (every probe walked,
// with reasons) and through `verdict` (the matrix's fast path), which must agree.
//
// The blog network: host gateway.example.org forwards and nats out of ixl0 (192.168.1.10 on the LAN
// 192.168.1.0/24, gateway 192.168.1.1, internet behind it); bridge0 10.0.0.1/24 holds snort-jail
// (10.0.0.2, host side e0a_snort_jail) and www-jail (10.0.0.3, e0a_www_jail); bridge1 10.0.1.1/24 holds the tor
// relay (10.0.1.2, e0a_tor_relay), which may reach the internet and nothing else.

const jail = (id: string): Source & Destination => ({ kind: 'stack', id });
const HOST: Source = { kind: 'stack', id: 'host' };
const LAN: Destination = { kind: 'lan' };
const INTERNET: Destination = { kind: 'internet' };

/** The pair's verdict, checked to be the same on the fast path. */
function audit(topology: Topology, source: Source, destination: Destination): PairVerdict {
  const auditor = new Auditor(topology);
  const slow = auditor.pair(source, destination, { trace: true });
  expect(new Auditor(topology).verdict(source, destination), 'fast path').toBe(slow.verdict);
  return slow;
}

function verdictOf(topology: Topology, source: Source, destination: Destination): Verdict {
  return audit(topology, source, destination).verdict;
}

/** The blog network with the host running `rules` (and `nat`) as its own pf ruleset, Patchbay's anchors left out. */
function blogWithPf(rules: string, options: { nat?: string; bridgeFilter?: BridgeFilter } = {}): Topology {
  const topology = blogNetwork();
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  host.pf = { enabled: true, rules, nat: options.nat ?? '' };
  if (options.bridgeFilter) host.bridgeFilter = options.bridgeFilter;
  return topology;
}

const NAT = 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)';

const texts = (steps: readonly { text: string }[] | undefined) => (steps ?? []).map((s) => s.text);

describe('the blog network', () => {
  it('lets the tor relay reach the internet, through the host nat, and back', () => {
    const result = audit(blogNetwork(), jail('tor'), INTERNET);
    expect(result.verdict).toBe('reachable');
    expect(texts(result.explained?.forward.steps)).toContainEqual(
      expect.stringMatching(/^nat in gateway\.example\.org on ixl0: 10\.0\.1\.2 → 192\.168\.1\.10/),
    );
  });

  it('never lets the tor relay reach the LAN, and names the Patchbay rule that blocks it', () => {
    const result = audit(blogNetwork(), jail('tor'), LAN);
    expect(result.verdict).toBe('blocked');
    const rule = result.explained?.rule;
    expect(rule?.anchor).toMatch(/^patchbay\//);
    expect(rule?.text).toMatch(/^block/);
    // The line it names is where that rule sits in the anchor Patchbay loads.
    expect(compilePf(blogNetwork()).get(rule!.anchor)?.[rule!.line - 1]).toBe(rule!.text);
    expect(result.summary).toContain(`anchor ${rule!.anchor} line ${rule!.line}: ${rule!.text}`);
    // The explanation's last step is the drop, with the same rule.
    const steps = result.explained!.forward.steps;
    expect(steps.at(-1)).toMatchObject({ kind: 'drop', stack: 'host', rule });
  });

  it('keeps the tor relay away from the other jails', () => {
    expect(verdictOf(blogNetwork(), jail('tor'), jail('snort'))).toBe('blocked');
    expect(verdictOf(blogNetwork(), jail('tor'), jail('www'))).toBe('blocked');
  });

  it('lets snort reach the LAN and the internet', () => {
    expect(verdictOf(blogNetwork(), jail('snort'), LAN)).toBe('reachable');
    expect(verdictOf(blogNetwork(), jail('snort'), INTERNET)).toBe('reachable');
  });

  it('shows www reaching the internet translated to the host address, and the reply translated back', () => {
    const result = audit(blogNetwork(), jail('www'), INTERNET);
    expect(result.verdict).toBe('reachable');
    expect(result.address).toBe('203.0.113.80');
    const probe = result.explained!;
    const natStep = probe.forward.steps.find((s) => s.kind === 'nat');
    expect(natStep).toMatchObject({ stack: 'host', iface: 'host:ixl0' });
    expect(natStep?.text).toMatch(/10\.0\.0\.3 → 192\.168\.1\.10/);
    expect(natStep?.rule?.text).toBe('nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)');
    // Filtering happens after translation: pf sees the packet leave ixl0 from the host's address.
    expect(probe.forward.src).toBe(0xc0a8010a);
    expect(probe.reply?.steps.find((s) => s.kind === 'nat')?.text).toMatch(/undoes its nat: → 10\.0\.0\.3/);
    expect(probe.reply?.steps.at(-1)).toMatchObject({ kind: 'deliver', stack: 'www' });
  });

  it('is one-way to the internet without the host nat: nothing routes the reply back to a private address', () => {
    const topology = blogNetwork();
    topology.stacks.find((s) => s.kind === 'host')!.nat = [];
    const result = audit(topology, jail('www'), INTERNET);
    expect(result.verdict).toBe('one-way');
    expect(result.summary).toMatch(/reply cannot come back/);
    expect(result.summary).toMatch(/10\.0\.0\.3.*private address/);
    expect(result.explained?.forward.steps.some((s) => s.kind === 'nat')).toBe(false);
    // The LAN itself is no better: the LAN's hosts have no route to 10.0.0.0/24 either.
    expect(verdictOf(topology, jail('www'), LAN)).toBe('one-way');
  });

  it('has no route through a host that does not forward, and says so', () => {
    const topology = blogNetwork();
    topology.stacks.find((s) => s.kind === 'host')!.forwarding.ipv4 = false;
    const result = audit(topology, jail('www'), INTERNET);
    expect(result.verdict).toBe('no-route');
    expect(result.summary).toMatch(/does not forward packets \(net\.inet\.ip\.forwarding=0\)/);
    // Bridged traffic needs no forwarding, and the host itself is still reached.
    expect(verdictOf(topology, jail('www'), jail('snort'))).toBe('reachable');
    expect(verdictOf(topology, jail('www'), { kind: 'host' })).toBe('reachable');
  });

  it('has no route from the LAN to a jail: the LAN router knows no way to the private jail net', () => {
    const result = audit(blogNetwork(), { kind: 'lan', id: 'lan' }, jail('www'));
    expect(result.verdict).toBe('no-route');
    expect(result.summary).toMatch(/LAN's router 192\.168\.1\.1 has no route to 10\.0\.0\.3/);
  });

  it('has nothing on the internet reach a jail', () => {
    expect(verdictOf(blogNetwork(), { kind: 'internet' }, jail('www'))).toBe('no-route');
  });

  it('gives the matrix the verdicts of the pairs', () => {
    const auditor = new Auditor(blogNetwork());
    const matrix = auditMatrix(auditor);
    expect(matrix.sources).toEqual(['snort', 'www', 'tor']);
    matrix.sources.forEach((source, row) => {
      matrix.destinations.forEach((destination, col) => {
        const cell = cellVerdict(matrix, row, col);
        if (destination.kind === 'stack' && destination.id === source) expect(cell).toBe('self');
        else
          expect(cell, `${source} → ${JSON.stringify(destination)}`).toBe(
            auditor.pair(jail(source), destination).verdict,
          );
      });
    });
  });
});

describe('jail to jail across one bridge, and the pfil sysctls', () => {
  const RULE = 'block drop quick from 10.0.0.2 to 10.0.0.3';

  it('meets the host pf on the member with the default sysctls (pfil_member=1, pfil_bridge=1)', () => {
    const result = audit(blogWithPf(RULE), jail('snort'), jail('www'));
    expect(result.verdict).toBe('blocked');
    expect(result.explained?.rule).toEqual({ anchor: '', line: 1, text: RULE });
    expect(result.summary).toBe(
      `pf in gateway.example.org blocks it in on e0a_snort_jail (bridge member, pfil_member=1) (main ruleset line 1: ${RULE})`,
    );
    // The other way round arrives, but no rule passed it, so pf kept no state: snort's reply is
    // the packet the rule names.
    const back = audit(blogWithPf(RULE), jail('www'), jail('snort'));
    expect(back.verdict).toBe('one-way');
    expect(back.explained?.rule?.line).toBe(1);
    expect(verdictOf(blogWithPf(`${RULE}\npass all`), jail('www'), jail('snort'))).toBe('reachable');
  });

  it('does not meet pf at all with pfil_member=0 and pfil_bridge=0', () => {
    const result = audit(
      blogWithPf(RULE, { bridgeFilter: { member: false, bridge: false } }),
      jail('snort'),
      jail('www'),
    );
    expect(result.verdict).toBe('reachable');
    expect(texts(result.explained?.forward.steps)).toContain(
      'bridge0 bridges it from e0a_snort_jail to e0a_www_jail (pfil_member=0, pfil_bridge=0: pf does not see it)',
    );
    expect(result.explained?.forward.steps.some((s) => s.kind === 'pf')).toBe(false);
  });

  it('meets pf on the bridge interface with only pfil_bridge=1', () => {
    const result = audit(
      blogWithPf(RULE, { bridgeFilter: { member: false, bridge: true } }),
      jail('snort'),
      jail('www'),
    );
    expect(result.verdict).toBe('blocked');
    expect(result.summary).toMatch(/blocks it in on bridge0 \(pfil_bridge=1\)/);
    expect(result.explained?.forward.steps.at(-1)).toMatchObject({ kind: 'drop', rule: { line: 1 } });
  });

  it('meets pf on the member with only pfil_member=1', () => {
    const result = audit(
      blogWithPf(RULE, { bridgeFilter: { member: true, bridge: false } }),
      jail('snort'),
      jail('www'),
    );
    expect(result.verdict).toBe('blocked');
    expect(result.summary).toMatch(/blocks it in on e0a_snort_jail \(bridge member, pfil_member=1\)/);
  });

  it('applies a rule on a member interface to bridged traffic only when pfil_member=1', () => {
    const rules = 'block in on e0a_snort_jail';
    expect(verdictOf(blogWithPf(rules), jail('snort'), jail('www'))).toBe('blocked');
    expect(
      verdictOf(blogWithPf(rules, { bridgeFilter: { member: false, bridge: true } }), jail('snort'), jail('www')),
    ).toBe('reachable');
    // www → snort gets there (the rule is `in`), but the default pass keeps no state, so snort's
    // reply, coming in on e0a_snort_jail, is blocked.
    const back = audit(blogWithPf(rules), jail('www'), jail('snort'));
    expect(back.verdict).toBe('one-way');
    expect(back.summary).toMatch(/reply cannot come back: pf in gateway\.example\.org blocks it in on e0a_snort_jail/);
  });

  it('does not show the member to pf for packets to the bridge itself (pfil_local_phys=0)', () => {
    // if_bridge.c GRAB_OUR_PACKETS: a frame for the bridge's own address meets pf on the member
    // only with net.link.bridge.pfil_local_phys=1 (default 0); the stack then sees it in on bridge0.
    const rules = 'block in on e0a_snort_jail';
    const toHost = audit(blogWithPf(rules), jail('snort'), { kind: 'host' });
    expect(toHost.verdict).toBe('reachable');
    expect(texts(toHost.explained?.forward.steps).filter((t) => t.startsWith('pf in'))).toEqual([
      'pf in gateway.example.org: in on bridge0: no rule matches, pass',
    ]);
    expect(verdictOf(blogWithPf(rules, { nat: NAT }), jail('snort'), LAN)).toBe('reachable');
    // The routed packet is filtered where the stack receives it: on the bridge.
    const onBridge = audit(blogWithPf('block in on bridge0 from 10.0.0.2', { nat: NAT }), jail('snort'), LAN);
    expect(onBridge.verdict).toBe('blocked');
    expect(onBridge.summary).toMatch(/blocks it in on bridge0 \(main ruleset line 1/);
  });

  it('lets a state made on the member carry the packet past a block on the bridge (states float)', () => {
    // pfil_member=1 and pfil_bridge=1: pf sees the frame in on e0a_snort_jail, then in on bridge0. The
    // first `pass` keeps state, and pf finds that state for the same packet on bridge0 before any
    // rule is read there (pf_find_state: a floating state matches on every interface).
    const rules = 'pass all\nblock in on bridge0 from 10.0.0.2 to 10.0.0.3';
    const result = audit(blogWithPf(rules), jail('snort'), jail('www'));
    expect(result.verdict).toBe('reachable');
    expect(texts(result.explained?.forward.steps)).toContainEqual(
      expect.stringMatching(/in on bridge0 \(pfil_bridge=1\): passes, the state this packet created/),
    );
    // Without state on the member, the bridge's rule decides.
    expect(
      verdictOf(
        blogWithPf('pass all no state\nblock in on bridge0 from 10.0.0.2 to 10.0.0.3'),
        jail('snort'),
        jail('www'),
      ),
    ).toBe('blocked');
    // And with pfil_member=0 there is no earlier state either.
    expect(
      verdictOf(blogWithPf(rules, { bridgeFilter: { member: false, bridge: true } }), jail('snort'), jail('www')),
    ).toBe('blocked');
    // Going out, the state made on the bridge carries it past the member.
    expect(verdictOf(blogWithPf('pass all\nblock out on e0a_www_jail'), jail('snort'), jail('www'))).toBe('reachable');
    expect(
      verdictOf(
        blogWithPf('pass all\nblock out on e0a_www_jail', { bridgeFilter: { member: true, bridge: false } }),
        jail('snort'),
        jail('www'),
      ),
    ).toBe('blocked');
  });
});

describe('pf semantics, through the audit', () => {
  it('lets replies through `block all` where the request kept state', () => {
    const stateful = blogWithPf('block all\npass out all keep state');
    expect(verdictOf(stateful, HOST, jail('www'))).toBe('reachable');
    // Nothing new comes in.
    const inbound = audit(stateful, jail('www'), { kind: 'host' });
    expect(inbound.verdict).toBe('blocked');
    expect(inbound.summary).toMatch(/blocks it in on bridge0 \(main ruleset line 1: block all\)/);
  });

  it('is one-way when the request passed with `no state` and a block meets the reply', () => {
    const result = audit(blogWithPf('block all\npass out all no state'), HOST, jail('www'));
    expect(result.verdict).toBe('one-way');
    expect(result.explained?.rule).toEqual({ anchor: '', line: 1, text: 'block all' });
    expect(result.summary).toMatch(/the reply cannot come back: pf in gateway\.example\.org blocks it in on bridge0/);
  });

  it('follows states through a routed, translated trip', () => {
    const rules = (state: string) => `block all\npass in on bridge0 ${state}\npass out on ixl0 keep state`;
    const reachable = audit(blogWithPf(rules('keep state'), { nat: NAT }), jail('www'), INTERNET);
    expect(reachable.verdict).toBe('reachable');
    expect(texts(reachable.explained?.reply?.steps)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/in on ixl0: passes, a reply to the state the request created/),
        expect.stringMatching(/out on bridge0: passes, a reply to the state the request created/),
      ]),
    );
    // The request's state on ixl0 (and its nat) brings the reply in, but without state on
    // bridge0 the reply meets `block all` going out to the jail.
    const oneWay = audit(blogWithPf(rules('no state'), { nat: NAT }), jail('www'), INTERNET);
    expect(oneWay.verdict).toBe('one-way');
    expect(oneWay.summary).toMatch(/blocks it out on bridge0 \(main ruleset line 1: block all\)/);
  });

  it('filters after translation: a rule naming the jail does not match the translated packet', () => {
    const rules = 'block out on ixl0\npass out quick on ixl0 from 10.0.0.3';
    expect(verdictOf(blogWithPf(rules, { nat: NAT }), jail('www'), INTERNET)).toBe('blocked');
    expect(
      verdictOf(
        blogWithPf('block out on ixl0\npass out quick on ixl0 from 192.168.1.10', { nat: NAT }),
        jail('www'),
        INTERNET,
      ),
    ).toBe('reachable');
  });

  it('stops at the first quick match, and otherwise lets the last match decide', () => {
    const quick = blogWithPf('pass quick from 10.0.0.3 to 10.0.0.2\nblock all');
    expect(verdictOf(quick, jail('www'), jail('snort'))).toBe('reachable');
    const blocked = audit(quick, jail('snort'), jail('www'));
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.explained?.rule?.line).toBe(2);
    // Quick wins even when it comes after the block.
    expect(verdictOf(blogWithPf('block all\npass quick from 10.0.0.3 to 10.0.0.2'), jail('www'), jail('snort'))).toBe(
      'reachable',
    );
    // Without quick, the last match (the block) decides.
    expect(verdictOf(blogWithPf('pass from 10.0.0.3 to 10.0.0.2\nblock all'), jail('www'), jail('snort'))).toBe(
      'blocked',
    );
  });

  it('reads tables, with their negated entries', () => {
    const quarantine = blogWithPf(
      'table <quarantine> { 10.0.0.0/24 !10.0.0.3 }\nblock drop quick from <quarantine> to any',
      { nat: NAT },
    );
    const snort = audit(quarantine, jail('snort'), LAN);
    expect(snort.verdict).toBe('blocked');
    expect(snort.explained?.rule?.text).toBe('block drop quick from <quarantine> to any');
    expect(verdictOf(quarantine, jail('www'), LAN)).toBe('reachable');
  });

  it('splits a pair by port: partial when only some traffic passes', () => {
    const topology = blogWithPf('block drop quick proto tcp from 10.0.0.3 to 10.0.0.2 port 22', {});
    const result = audit(topology, jail('www'), jail('snort'));
    expect(result.verdict).toBe('partial');
    expect(result.summary).toMatch(/reachable except tcp\/22/);
    expect(result.explained?.probe).toEqual({ proto: 'tcp', port: 22 });
  });

  it('leaves interfaces in `set skip` unfiltered', () => {
    const skipBridge = (bridgeFilter: BridgeFilter) => blogWithPf('set skip on bridge0\nblock all', { bridgeFilter });
    const bridgeOnly = { member: false, bridge: true };
    expect(verdictOf(skipBridge(bridgeOnly), jail('www'), jail('snort'))).toBe('reachable');
    const toHost = audit(skipBridge(bridgeOnly), jail('www'), { kind: 'host' });
    expect(toHost.verdict).toBe('reachable');
    expect(texts(toHost.explained?.forward.steps)).toContain('pf in gateway.example.org: skips bridge0 (set skip)');
    // The members are not skipped: with pfil_member=1 `block all` meets the frame there.
    expect(verdictOf(skipBridge({ member: true, bridge: true }), jail('www'), jail('snort'))).toBe('blocked');
    // A group: every epair.
    expect(verdictOf(blogWithPf('set skip on { epair bridge }\nblock all'), jail('www'), jail('snort'))).toBe(
      'reachable',
    );
  });

  it('translates to the address of the interface named in `(ixl0)`', () => {
    const topology = blogWithPf('', { nat: 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)' });
    const ixl0 = topology.stacks.find((s) => s.kind === 'host')!.interfaces.find((i) => i.name === 'ixl0')!;
    ixl0.addresses = ['192.168.1.77/24'];
    const result = audit(topology, jail('www'), INTERNET);
    expect(result.verdict).toBe('reachable');
    expect(result.explained?.forward.steps.find((s) => s.kind === 'nat')?.text).toMatch(
      /10\.0\.0\.3 → 192\.168\.1\.77/,
    );
    // The tor net is not in the nat rule: its packets leave untranslated and their replies are lost.
    expect(verdictOf(topology, jail('tor'), INTERNET)).toBe('one-way');
  });

  it("evaluates Patchbay's anchors where the host ruleset hooks them, and leaves them out otherwise", () => {
    const hooked = blogWithPf('anchor "patchbay/*" all', { nat: 'nat-anchor "patchbay/*" all' });
    expect(verdictOf(hooked, jail('tor'), LAN)).toBe('blocked');
    expect(verdictOf(hooked, jail('www'), INTERNET)).toBe('reachable');
    const unhooked = blogWithPf('pass all');
    const auditor = new Auditor(unhooked);
    expect(auditor.net.notes.join('\n')).toMatch(/needs the lines nat-anchor "patchbay\/\*" and anchor "patchbay\/\*"/);
    expect(verdictOf(unhooked, jail('tor'), LAN)).toBe('one-way');
  });

  it('does not filter when pf is disabled on the host', () => {
    const topology = blogWithPf('block all', { nat: NAT });
    topology.stacks.find((s) => s.kind === 'host')!.pf!.enabled = false;
    // pf off: no filtering and no nat either.
    expect(verdictOf(topology, jail('www'), jail('snort'))).toBe('reachable');
    expect(verdictOf(topology, jail('www'), INTERNET)).toBe('one-way');
  });
});

describe('unplugging a jail', () => {
  it('loses its route through the bridge', () => {
    const topology = blogNetwork();
    const bridge0 = topology.stacks[0]!.interfaces.find((i) => i.name === 'bridge0');
    if (bridge0?.kind !== 'bridge') throw new Error('no bridge0');
    bridge0.members = bridge0.members.filter((m) => m !== 'host:e0a_www_jail');
    const result = audit(topology, jail('snort'), jail('www'));
    expect(result.verdict).toBe('no-route');
    expect(result.summary).toBe('nothing on bridge0 answers for 10.0.0.3');
    expect(audit(topology, jail('www'), INTERNET).summary).toBe(
      'nothing on e0a_www_jail in gateway.example.org answers for 10.0.0.1',
    );
  });

  it('can make a duplicate address reachable: the other jail with it answers instead', () => {
    // Why the "unplugging never adds reachability" property keeps addresses unique: with two jails
    // on 10.0.0.3, the bridge delivers to the first that answers; unplug it and the second answers.
    const topology = blogWithPf('block out on e0a_www_jail');
    const host = topology.stacks[0]!;
    host.interfaces.push({
      kind: 'epair',
      id: 'host:epair4a',
      name: 'epair4a',
      end: 'a',
      peer: 'twin:epair4b',
      up: true,
      addresses: [],
    });
    const bridge0 = host.interfaces.find((i) => i.name === 'bridge0');
    if (bridge0?.kind !== 'bridge') throw new Error('no bridge0');
    bridge0.members.push('host:epair4a');
    topology.stacks.push({
      kind: 'jail',
      id: 'twin',
      name: 'twin',
      childrenMax: 0,
      forwarding: { ipv4: false, ipv6: false },
      defaultGateway: { ipv4: '10.0.0.1' },
      staticRoutes: [],
      nat: [],
      interfaces: [
        {
          kind: 'epair',
          id: 'twin:epair4b',
          name: 'epair4b',
          end: 'b',
          peer: 'host:epair4a',
          up: true,
          addresses: ['10.0.0.3/24'],
        },
      ],
    });
    expect(verdictOf(topology, jail('snort'), { kind: 'address', address: '10.0.0.3' })).toBe('blocked');
    bridge0.members = bridge0.members.filter((m) => m !== 'host:e0a_www_jail');
    expect(verdictOf(topology, jail('snort'), { kind: 'address', address: '10.0.0.3' })).toBe('reachable');
  });
});
