import { describe, expect, it } from 'vitest';
import { decide } from './evaluate';
import { check, load, NO_MATCH, packet } from './evaluate-test-support';

// pf's verdict for one IPv4 packet, as pf.conf(5) describes it (PACKET FILTERING, PARAMETERS,
// ANCHORS, TRANSLATION, `set skip`) and as pfctl expands rules (sbin/pfctl/parse.y expand_rule:
// one rule per list item, each taking its address family from its address).

describe('decide: last match wins, quick ends, no match passes (pf.conf(5) PACKET FILTERING)', () => {
  it('the last matching rule decides', () => {
    expect(check('block all\npass in all')).toEqual({ action: 'pass', line: 2, text: 'pass in all', keepState: true });
    expect(check('pass all\nblock in all')).toEqual({
      action: 'block',
      line: 2,
      text: 'block in all',
      keepState: false,
    });
  });

  it('a later rule that does not match does not decide', () => {
    expect(check('block all\npass out all', { dir: 'in' })).toEqual({
      action: 'block',
      line: 1,
      text: 'block all',
      keepState: false,
    });
    expect(check('block all\npass out all', { dir: 'out' })).toEqual({
      action: 'pass',
      line: 2,
      text: 'pass out all',
      keepState: true,
    });
  });

  it('a matching quick rule ends the evaluation; the first quick match decides', () => {
    expect(check('block quick all\npass all')).toMatchObject({ action: 'block', line: 1 });
    expect(check('pass in quick proto tcp\nblock quick all\npass all')).toMatchObject({ action: 'pass', line: 1 });
    expect(check('pass in quick proto udp\nblock quick all\npass all')).toMatchObject({ action: 'block', line: 2 });
  });

  it('a quick rule that does not match does not stop anything', () => {
    expect(check('block out quick all\npass all', { dir: 'in' })).toMatchObject({ action: 'pass', line: 2 });
  });

  it('no rule matching passes the packet without state', () => {
    expect(check('block out all', { dir: 'in' })).toEqual(NO_MATCH);
    expect(check('')).toEqual(NO_MATCH);
  });

  it('pass keeps state by default, `no state` keeps none, a block never keeps state', () => {
    expect(check('pass all')).toMatchObject({ action: 'pass', keepState: true });
    expect(check('pass all keep state')).toMatchObject({ action: 'pass', keepState: true });
    expect(check('pass all no state')).toMatchObject({ action: 'pass', keepState: false });
    expect(check('pass all\nblock return all')).toMatchObject({ action: 'block', keepState: false });
  });

  it('`in` and `out` rules see only their direction; a rule without one sees both', () => {
    const rules = 'block in all\npass out all';
    expect(check(rules, { dir: 'in' })).toMatchObject({ action: 'block', line: 1 });
    expect(check(rules, { dir: 'out' })).toMatchObject({ action: 'pass', line: 2 });
    expect(check('block all', { dir: 'out' })).toMatchObject({ action: 'block', line: 1 });
  });

  it('`match` rules never decide pass or block', () => {
    expect(check('block all\nmatch in all')).toMatchObject({ action: 'block', line: 1 });
    expect(check('match in all')).toEqual(NO_MATCH);
  });
});

describe('decide: interfaces, families, protocols', () => {
  it('`on` an interface', () => {
    const rules = 'pass all\nblock on epair0a';
    expect(check(rules, { on: 'epair0a' })).toMatchObject({ action: 'block', line: 2 });
    expect(check(rules, { on: 'epair1a' })).toMatchObject({ action: 'pass', line: 1 });
  });

  it('`on` an interface group: every member (ifconfig(8) group)', () => {
    const rules = 'pass all\nblock on epair';
    expect(check(rules, { on: 'epair0a' })).toMatchObject({ action: 'block', line: 2 });
    expect(check(rules, { on: 'epair1a' })).toMatchObject({ action: 'block', line: 2 });
    expect(check(rules, { on: 'ixl0' })).toMatchObject({ action: 'pass', line: 1 });
    expect(check('block on egress', { on: 'ixl0' })).toMatchObject({ action: 'block', line: 1 });
  });

  it('`on ! x`: every interface but x (and `! group`: every interface outside the group)', () => {
    expect(check('block on ! ixl0', { on: 'ixl0' })).toEqual(NO_MATCH);
    expect(check('block on ! ixl0', { on: 'epair0a' })).toMatchObject({ action: 'block', line: 1 });
    expect(check('block on ! epair', { on: 'epair1a' })).toEqual(NO_MATCH);
    expect(check('block on ! epair', { on: 'lo0' })).toMatchObject({ action: 'block', line: 1 });
  });

  it('`on { a b }`: any of them', () => {
    const rules = 'block on { ixl0 epair1a }';
    expect(check(rules, { on: 'epair1a' })).toMatchObject({ action: 'block' });
    expect(check(rules, { on: 'ixl0' })).toMatchObject({ action: 'block' });
    expect(check(rules, { on: 'epair0a' })).toEqual(NO_MATCH);
  });

  it('`inet6` rules never match the IPv4 packets evaluated; `inet` ones do', () => {
    expect(check('block inet6 all')).toEqual(NO_MATCH);
    expect(check('block quick inet6 all\npass inet all')).toMatchObject({ action: 'pass', line: 2 });
  });

  it('a rule whose address is IPv6 is an inet6 rule, even negated (parse.y expand_rule sets af from the address)', () => {
    expect(check('block from fd00::/8 to any')).toEqual(NO_MATCH);
    expect(check('block from ! fd00::/8 to any')).toEqual(NO_MATCH);
    expect(check('block from any to ! fe80::1')).toEqual(NO_MATCH);
    // In a list, only the IPv4 items give IPv4 rules.
    expect(check('block from { ! fd00::/8, 10.99.0.0/16 } to any', { from: '10.77.0.5' })).toEqual(NO_MATCH);
    expect(check('block from { ! fd00::/8, 10.99.0.0/16 } to any', { from: '10.99.0.5' })).toMatchObject({
      action: 'block',
      line: 1,
    });
  });

  it('`proto` restricts to one protocol or a list', () => {
    const rules = 'block all\npass proto { tcp udp }';
    expect(check(rules, { proto: 'tcp' })).toMatchObject({ action: 'pass', line: 2 });
    expect(check(rules, { proto: 'udp' })).toMatchObject({ action: 'pass', line: 2 });
    expect(check(rules, { proto: 'icmp' })).toMatchObject({ action: 'block', line: 1 });
    expect(check('block proto icmp', { proto: 'icmp' })).toMatchObject({ action: 'block' });
    expect(check('block proto 17', { proto: 'udp' })).toMatchObject({ action: 'block' });
  });
});

describe('decide: from / to', () => {
  it('addresses and networks, both ends', () => {
    const rules = 'pass all\nblock from 10.77.0.0/24 to 192.168.1.10';
    expect(check(rules, { from: '10.77.0.200', to: '192.168.1.10' })).toMatchObject({ action: 'block', line: 2 });
    expect(check(rules, { from: '10.77.1.1', to: '192.168.1.10' })).toMatchObject({ action: 'pass', line: 1 });
    expect(check(rules, { from: '10.77.0.200', to: '192.168.1.11' })).toMatchObject({ action: 'pass', line: 1 });
  });

  it('`any` and `all`', () => {
    expect(check('block from any to any', { from: '8.8.8.8', to: '9.9.9.9' })).toMatchObject({ action: 'block' });
    expect(check('block all', { from: '8.8.8.8', to: '9.9.9.9' })).toMatchObject({ action: 'block' });
  });

  it('`!` negates one address', () => {
    const rules = 'block to ! 192.168.1.0/24';
    expect(check(rules, { to: '192.168.1.7' })).toEqual(NO_MATCH);
    expect(check(rules, { to: '192.168.2.7' })).toMatchObject({ action: 'block' });
  });

  it('`{ list }` matches if any item does', () => {
    const rules = 'block to { 192.168.1.7, 10.0.0.0/8 }';
    expect(check(rules, { to: '192.168.1.7' })).toMatchObject({ action: 'block' });
    expect(check(rules, { to: '10.3.4.5' })).toMatchObject({ action: 'block' });
    expect(check(rules, { to: '192.168.1.8' })).toEqual(NO_MATCH);
  });

  it('`{ !a, b }` is expanded into one rule per item, so it matches everything but a — the known pitfall', () => {
    const rules = 'block from { ! 10.77.0.5, 10.77.0.6 }';
    expect(check(rules, { from: '10.77.0.5' })).toEqual(NO_MATCH);
    expect(check(rules, { from: '10.77.0.6' })).toMatchObject({ action: 'block' });
    expect(check(rules, { from: '8.8.8.8' })).toMatchObject({ action: 'block' });
    // `{ !a, !b }` matches every address: a matches `!b`, b matches `!a`.
    for (const from of ['10.77.0.5', '10.77.0.6', '8.8.8.8'])
      expect(check('block from { ! 10.77.0.5, ! 10.77.0.6 }', { from })).toMatchObject({ action: 'block' });
  });

  it('tables: an address in an entry matches, a negated entry excludes, the most specific entry wins', () => {
    const tables =
      'table <lan> const { 192.168.1.0/24, !192.168.1.7 }\ntable <nets> { 10.0.0.0/8, !10.1.0.0/16, 10.1.2.0/24 }\n';
    const rules = `${tables}pass all\nblock to <lan>\nblock from <nets>`;
    expect(check(rules, { from: '172.16.0.1', to: '192.168.1.5' })).toMatchObject({ action: 'block', line: 4 });
    expect(check(rules, { from: '172.16.0.1', to: '192.168.1.7' })).toMatchObject({ action: 'pass', line: 3 });
    expect(check(rules, { from: '10.2.0.1' })).toMatchObject({ action: 'block', line: 5 });
    expect(check(rules, { from: '10.1.3.3' })).toMatchObject({ action: 'pass', line: 3 });
    expect(check(rules, { from: '10.1.2.3' })).toMatchObject({ action: 'block', line: 5 });
  });

  it('tables holding interface names, groups and `self` hold their addresses (pf.conf(5) TABLES)', () => {
    const rules =
      'table <mine> { self }\ntable <ext> { ixl0 }\ntable <jails> { epair:network, !10.77.0.1 }\nblock to <mine>\nblock from <ext>\nblock from <jails>';
    expect(check(rules, { from: '8.8.8.8', to: '127.0.0.1' })).toMatchObject({ action: 'block', line: 4 });
    expect(check(rules, { from: '8.8.8.8', to: '8.8.4.4' })).toEqual(NO_MATCH);
    expect(check(rules, { from: '203.0.113.9', to: '8.8.4.4' })).toMatchObject({ action: 'block', line: 5 });
    expect(check(rules, { from: '203.0.113.10', to: '8.8.4.4' })).toEqual(NO_MATCH);
    expect(check(rules, { from: '10.78.9.9', to: '8.8.4.4' })).toMatchObject({ action: 'block', line: 6 });
    // The host entry is more specific than the network it is in.
    expect(check(rules, { from: '10.77.0.1', to: '8.8.4.4' })).toEqual(NO_MATCH);
  });

  it('`! <table>` and an unknown table', () => {
    const rules = 'table <lan> { 192.168.1.0/24 }\nblock to ! <lan>\npass to <nothing>';
    expect(check(rules, { to: '192.168.1.5' })).toEqual(NO_MATCH);
    expect(check(rules, { to: '8.8.8.8' })).toMatchObject({ action: 'block', line: 2 });
  });

  it('`(ifname)` and `ifname`: each address of the interface', () => {
    expect(check('block to (ixl0)', { to: '203.0.113.5' })).toMatchObject({ action: 'block' });
    expect(check('block to (ixl0)', { to: '203.0.113.9' })).toMatchObject({ action: 'block' });
    expect(check('block to ixl0', { to: '203.0.113.9' })).toMatchObject({ action: 'block' });
    expect(check('block to (ixl0)', { to: '203.0.113.77' })).toEqual(NO_MATCH);
    expect(check('block from ! (ixl0)', { from: '203.0.113.5' })).toEqual(NO_MATCH);
    expect(check('block from ! (ixl0)', { from: '10.77.0.5' })).toMatchObject({ action: 'block' });
  });

  it('`(group)`: the addresses of every member', () => {
    expect(check('block to (epair)', { to: '10.78.0.1' })).toMatchObject({ action: 'block' });
    expect(check('block to (epair)', { to: '10.78.0.2' })).toEqual(NO_MATCH);
  });

  it('`ifname:network` and `ifname:broadcast`', () => {
    expect(check('block to ixl0:network', { to: '203.0.113.77' })).toMatchObject({ action: 'block' });
    expect(check('block to ixl0:network', { to: '203.0.114.1' })).toEqual(NO_MATCH);
    expect(check('block from (epair1a:network)', { from: '10.78.200.3' })).toMatchObject({ action: 'block' });
    expect(check('block to ixl0:broadcast', { to: '203.0.113.255' })).toMatchObject({ action: 'block' });
    expect(check('block to ixl0:broadcast', { to: '203.0.113.254' })).toEqual(NO_MATCH);
  });

  it('`self`: any address of any interface of the stack', () => {
    for (const to of ['203.0.113.9', '10.77.0.1', '127.0.0.1'])
      expect(check('block to self', { to })).toMatchObject({ action: 'block' });
    expect(check('block to self', { to: '10.77.0.2' })).toEqual(NO_MATCH);
  });
});

describe('decide: ports', () => {
  const cases: [string, number[], number[]][] = [
    ['port 80', [80], [79, 81]],
    ['port = 80', [80], [8080]],
    ['port www', [80], [443]],
    ['port != ssh', [21, 23], [22]],
    ['port < 1024', [1023], [1024]],
    ['port <= 1024', [1024], [1025]],
    ['port > 1024', [1025], [1024]],
    ['port >= 1024', [1024], [1023]],
    // pf.conf(5): "port 2000:2004 means all ports >= 2000 and <= 2004"
    ['port 2000:2004', [2000, 2002, 2004], [1999, 2005]],
    // "port 2000 >< 2004 means all ports > 2000 and < 2004, hence ports 2001, 2002 and 2003"
    ['port 2000 >< 2004', [2001, 2002, 2003], [2000, 2004]],
    // "port 2000 <> 2004 means all ports < 2000 or > 2004, hence ports 1-1999 and 2005-65535"
    ['port 2000 <> 2004', [1, 1999, 2005, 65535], [2000, 2002, 2004]],
    ['port { 22, 443 }', [22, 443], [80]],
  ];
  it.each(cases)('to %s', (ports, yes, no) => {
    for (const dport of yes)
      expect(check(`block proto tcp to any ${ports}`, { dport })).toMatchObject({ action: 'block', line: 1 });
    for (const dport of no) expect(check(`block proto tcp to any ${ports}`, { dport })).toEqual(NO_MATCH);
  });

  it('source ports', () => {
    expect(check('block proto udp from any port 53', { proto: 'udp', sport: 53 })).toMatchObject({ action: 'block' });
    expect(check('block proto udp from any port 53', { proto: 'udp', sport: 5353, dport: 53 })).toEqual(NO_MATCH);
  });

  it('a rule with ports never matches a packet without them (icmp)', () => {
    expect(check('block proto { tcp icmp } to port 80', { proto: 'icmp' })).toEqual(NO_MATCH);
  });
});

describe('decide: set skip', () => {
  it('packets on a skipped interface pass as if pf were off', () => {
    const rules = 'set skip on lo0\nblock all';
    expect(check(rules, { on: 'lo0' })).toEqual({ ...NO_MATCH, skipped: true });
    expect(check(rules, { on: 'epair0a' })).toMatchObject({ action: 'block', line: 2 });
  });

  it('a list, and a group (pf_if.c pfi_skip_if: an interface in the named group is skipped)', () => {
    expect(check('set skip on { lo0 epair0a }\nblock all', { on: 'epair0a' })).toEqual({ ...NO_MATCH, skipped: true });
    expect(check('set skip on epair\nblock all', { on: 'epair1a' })).toEqual({ ...NO_MATCH, skipped: true });
    expect(check('set skip on epair\nblock all', { on: 'ixl0' })).toMatchObject({ action: 'block' });
  });
});

describe('decide: anchors (pf.conf(5) ANCHORS)', () => {
  it('evaluates the rules of a matching anchor in place', () => {
    const rules = ['block all', 'anchor "a" {', '  pass in proto tcp', '}'].join('\n');
    expect(check(rules, { proto: 'tcp' })).toEqual({
      action: 'pass',
      line: 3,
      text: 'pass in proto tcp',
      keepState: true,
    });
    expect(check(rules, { proto: 'udp' })).toMatchObject({ action: 'block', line: 1 });
  });

  it('a rule after the anchor still wins over a non-quick match inside it', () => {
    const rules = ['anchor "a" {', '  pass all', '}', 'block in all'].join('\n');
    expect(check(rules, { dir: 'in' })).toMatchObject({ action: 'block', line: 4 });
    expect(check(rules, { dir: 'out' })).toMatchObject({ action: 'pass', line: 2 });
  });

  it('the deciding rule carries its anchor path, nested anchors included', () => {
    const { ruleset, ctx } = load(
      ['anchor "a" {', '  block all', '  anchor "b" {', '    pass in proto tcp', '  }', '}'].join('\n'),
    );
    expect(decide(ctx, ruleset, packet({ proto: 'tcp' })).rule).toMatchObject({
      anchor: 'a/b',
      line: 4,
      action: 'pass',
    });
    expect(decide(ctx, ruleset, packet({ proto: 'udp' })).rule).toMatchObject({
      anchor: 'a',
      line: 2,
      action: 'block',
    });
  });

  it('a quick rule inside an anchor stops everything, in the anchor and the main ruleset', () => {
    const rules = ['anchor "a" {', '  block quick proto udp', '  pass all', '}', 'pass all'].join('\n');
    expect(check(rules, { proto: 'udp' })).toMatchObject({ action: 'block', line: 2 });
    expect(check(rules, { proto: 'tcp' })).toMatchObject({ action: 'pass', line: 5 });
  });

  it('a quick rule in a nested anchor stops the outer anchors too', () => {
    const rules = [
      'anchor "a" {',
      '  anchor "b" {',
      '    block quick proto udp',
      '  }',
      '  pass all',
      '}',
      'pass all',
    ].join('\n');
    expect(check(rules, { proto: 'udp' })).toMatchObject({ action: 'block', line: 3 });
  });

  it('a quick anchor stops after its body if anything in it matched, and not otherwise', () => {
    const rules = ['anchor "a" quick {', '  pass in proto tcp', '}', 'block all'].join('\n');
    expect(check(rules, { proto: 'tcp', dir: 'in' })).toMatchObject({ action: 'pass', line: 2 });
    expect(check(rules, { proto: 'udp', dir: 'in' })).toMatchObject({ action: 'block', line: 4 });
    expect(check(rules, { proto: 'tcp', dir: 'out' })).toMatchObject({ action: 'block', line: 4 });
  });

  it('in a quick anchor the last match inside decides, and a match in a nested anchor counts', () => {
    const last = ['anchor "a" quick {', '  block all', '  pass proto tcp', '}', 'block all'].join('\n');
    expect(check(last, { proto: 'tcp' })).toMatchObject({ action: 'pass', line: 3 });
    expect(check(last, { proto: 'udp' })).toMatchObject({ action: 'block', line: 2 });
    const nested = ['anchor "a" quick {', '  anchor "b" {', '    pass proto tcp', '  }', '}', 'block all'].join('\n');
    expect(check(nested, { proto: 'tcp' })).toMatchObject({ action: 'pass', line: 3 });
  });

  it('an anchor whose conditions do not match is skipped, body and all', () => {
    const rules = ['anchor "x" in on epair0a {', '  block all', '}'].join('\n');
    expect(check(rules, { on: 'epair0a', dir: 'in' })).toMatchObject({ action: 'block', line: 2 });
    expect(check(rules, { on: 'epair0a', dir: 'out' })).toEqual(NO_MATCH);
    expect(check(rules, { on: 'epair1a', dir: 'in' })).toEqual(NO_MATCH);
    const quick = ['anchor "x" quick proto udp {', '  pass all', '}', 'block all'].join('\n');
    expect(check(quick, { proto: 'tcp' })).toMatchObject({ action: 'block', line: 4 });
    expect(check(quick, { proto: 'udp' })).toMatchObject({ action: 'pass', line: 2 });
  });

  it('the man page example: an unnamed outbound anchor inside a conditional one', () => {
    const rules = [
      'ext_if = "ixl0"',
      'anchor "external" on $ext_if {',
      '\tblock',
      '\tanchor out {',
      '\t\tpass proto tcp from any to port { 25, 80, 443 }',
      '\t}',
      '\tpass in proto tcp to any port 22',
      '}',
    ].join('\n');
    expect(check(rules, { on: 'ixl0', dir: 'out', dport: 443 })).toMatchObject({ action: 'pass', line: 5 });
    expect(check(rules, { on: 'ixl0', dir: 'in', dport: 443 })).toMatchObject({ action: 'block', line: 3 });
    expect(check(rules, { on: 'ixl0', dir: 'in', dport: 22 })).toMatchObject({ action: 'pass', line: 7 });
    expect(check(rules, { on: 'epair0a', dir: 'in', dport: 443 })).toEqual(NO_MATCH);
  });

  it('an anchor whose rules were not given has no effect', () => {
    expect(check('block all\nanchor "patchbay/*"')).toMatchObject({ action: 'block', line: 1 });
    expect(check('anchor "patchbay/*" quick\nblock all')).toMatchObject({ action: 'block', line: 2 });
  });
});
