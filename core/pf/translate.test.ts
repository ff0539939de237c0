import { describe, expect, it } from 'vitest';
import { formatIpv4, ipv4 } from '../net/ipv4';
import { decide } from './evaluate';
import { load, packet, type PacketSpec } from './evaluate-test-support';
import { tableKey } from './ruleset';
import { pfTest, translateIn, translateOut } from './translate';

// pf's order for one packet, with scenarios from FreeBSD's tests/sys/netpfil/pf/*.sh (file and case
// named in each test; their epair and addresses mapped onto the test stack of evaluate-test-support:
// ixl0 203.0.113.5/24, epair0a 10.77.0.1/24, epair1a 10.78.0.1/16).

function test(rules: string, spec: PacketSpec) {
  const { ruleset, ctx } = load(rules);
  const v = pfTest(ctx, ruleset, packet(spec));
  return {
    action: v.action,
    line: v.rule?.line,
    translatedBy: v.translation?.rule.line,
    src: formatIpv4(v.out.src as number),
    dst: formatIpv4(v.out.dst as number),
    dport: v.out.dport,
    uncertain: v.uncertain?.reason,
  };
}

describe('rdr: translation before filtering (defect 3: "rdr is parsed but never evaluated, silently")', () => {
  // rdr.sh natpass: "rdr pass" redirects udp/80 and the block rule after it is never asked.
  const natpass = [
    'rdr pass on epair0a proto udp from any to 10.77.0.1 port 80 -> 10.78.0.2',
    'nat on epair0a inet from 10.78.0.0/16 to any -> 10.77.0.1',
    'block in proto udp from any to any port 80',
    'pass in proto icmp',
  ].join('\n');

  it('rdr.sh natpass: `rdr pass` redirects and skips the filter rules', () => {
    expect(test(natpass, { proto: 'udp', from: '10.77.0.9', to: '10.77.0.1', dport: 80 })).toMatchObject({
      action: 'pass',
      line: undefined,
      translatedBy: 1,
      dst: '10.78.0.2',
      dport: 80,
    });
  });

  it('the same rdr without `pass` is filtered, on the translated packet: the block rule decides', () => {
    const plain = natpass.replace('rdr pass', 'rdr');
    expect(test(plain, { proto: 'udp', from: '10.77.0.9', to: '10.77.0.1', dport: 80 })).toMatchObject({
      action: 'block',
      line: 3,
      translatedBy: 1,
      dst: '10.78.0.2',
    });
  });

  it('rdr.sh pr290177: `no rdr` for <white> stops the rdr after it', () => {
    const rules = [
      'table <white> { 10.77.0.2 }',
      'no rdr inet proto tcp from <white> to any port 25',
      'rdr pass inet proto tcp from any to any port 25 -> 127.0.0.1 port 2500',
    ].join('\n');
    expect(test(rules, { from: '10.77.0.2', to: '10.77.0.1', dport: 25 })).toMatchObject({ translatedBy: undefined });
    expect(test(rules, { from: '10.77.0.3', to: '10.77.0.1', dport: 25 })).toMatchObject({
      translatedBy: 3,
      dst: '127.0.0.1',
      dport: 2500,
    });
  });

  it("Bastille's rdr in an rdr-anchor: host port 2001 goes to the jail's 22, and the filter sees the jail's address", () => {
    const rules = [
      'rdr-anchor "rdr/*" all {',
      '  rdr-anchor "web" all {',
      '    rdr on ixl0 inet proto tcp from any to any port = 2001 -> 10.77.0.5 port 22',
      '  }',
      '}',
      'block in all',
      'pass in on ixl0 proto tcp to 10.77.0.5 port 22',
    ].join('\n');
    const asked = { on: 'ixl0', from: '198.51.100.7', to: '203.0.113.5', dport: 2001 };
    expect(test(rules, asked)).toMatchObject({ action: 'pass', line: 7, translatedBy: 3, dst: '10.77.0.5', dport: 22 });
    expect(test(rules, { ...asked, dport: 2002 })).toMatchObject({ action: 'block', line: 6, translatedBy: undefined });
    // translateIn alone names the rule and the new destination.
    const { ruleset, ctx } = load(rules);
    const t = translateIn(ctx, ruleset, packet(asked))!;
    expect([t.rule.anchor, t.rule.line, formatIpv4(t.dst as number), t.dport, t.pass]).toEqual([
      'rdr/web',
      3,
      '10.77.0.5',
      22,
      false,
    ]);
  });

  it('`-> ADDR port N:*` keeps the offset into the range', () => {
    const rules = 'rdr on ixl0 proto tcp to port 8000:8010 -> 10.77.0.5 port 9000:*';
    expect(test(rules, { on: 'ixl0', to: '203.0.113.5', dport: 8004 })).toMatchObject({ dport: 9004 });
  });
});

describe('binat, and the order of the translation rulesets (pf_lb.c pf_get_translation)', () => {
  const rules = [
    'nat on ixl0 from 10.77.0.0/24 to any -> (ixl0)',
    'binat on ixl0 from 10.77.0.5 to any -> 203.0.113.50',
    'rdr on ixl0 proto tcp to 203.0.113.50 port 443 -> 10.77.0.6',
  ].join('\n');

  it('out: binat is tried before nat, whatever the order of the lines', () => {
    expect(test(rules, { dir: 'out', on: 'ixl0', from: '10.77.0.5' })).toMatchObject({
      translatedBy: 2,
      src: '203.0.113.50',
    });
    expect(test(rules, { dir: 'out', on: 'ixl0', from: '10.77.0.7' })).toMatchObject({
      translatedBy: 1,
      src: '203.0.113.5',
    });
  });

  it('in: rdr is tried before binat; binat maps its target back to the inside address', () => {
    expect(test(rules, { on: 'ixl0', from: '198.51.100.7', to: '203.0.113.50', dport: 443 })).toMatchObject({
      translatedBy: 3,
      dst: '10.77.0.6',
    });
    expect(test(rules, { on: 'ixl0', from: '198.51.100.7', to: '203.0.113.50', dport: 22 })).toMatchObject({
      translatedBy: 2,
      dst: '10.77.0.5',
    });
    const { ruleset, ctx } = load(rules);
    expect(translateOut(ctx, ruleset, packet({ dir: 'in', on: 'ixl0' }))).toBeUndefined();
  });
});

describe('nat-to / rdr-to on pass and match rules (defect 2)', () => {
  it('nat.sh nat_match: a match rule translates at once; the pass rule after it matches the NAT-ed source', () => {
    const rules = [
      'block',
      'pass in  on epair0a inet proto tcp keep state',
      'match out on ixl0 inet proto tcp nat-to ixl0',
      'pass out on ixl0 inet proto tcp from ixl0 keep state',
    ].join('\n');
    const out = { dir: 'out' as const, on: 'ixl0', from: '10.77.0.5' };
    expect(test(rules, out)).toMatchObject({ action: 'pass', line: 4, src: '203.0.113.5' });
    const withoutMatch = rules
      .split('\n')
      .filter((line) => !line.startsWith('match'))
      .join('\n');
    expect(test(withoutMatch, out)).toMatchObject({ action: 'block', line: 1, src: '10.77.0.5' });
  });

  it("nat.sh nat_pass_out: the deciding pass rule's nat-to rewrites the source", () => {
    const rules =
      'block\npass in on epair0a inet proto tcp keep state\npass out on ixl0 inet proto tcp nat-to ixl0 keep state';
    expect(test(rules, { dir: 'out', on: 'ixl0', from: '10.77.0.5' })).toMatchObject({
      action: 'pass',
      line: 3,
      src: '203.0.113.5',
    });
    const { ruleset, ctx } = load(rules);
    expect(decide(ctx, ruleset, packet({ dir: 'out', on: 'ixl0' })).translations).toEqual([
      { kind: 'nat-to', target: { kind: 'interface', name: 'ixl0', part: 'address' } },
    ]);
  });

  it('rdr.sh srcport_pass: `pass in ... rdr-to ADDR port N` redirects when it decides; a block after it wins', () => {
    const rule = 'pass in on ixl0 proto tcp from any to ixl0 port 7777 rdr-to 10.78.0.50 port 8888';
    const asked = { on: 'ixl0', from: '198.51.100.50', to: '203.0.113.5', dport: 7777 };
    expect(test(rule, asked)).toMatchObject({ action: 'pass', line: 1, dst: '10.78.0.50', dport: 8888 });
    expect(test(`${rule}\nblock in on ixl0`, asked)).toMatchObject({ action: 'block', line: 2, dst: '203.0.113.5' });
  });
});

describe('received-on (defect 1: "received-on is refused and its line dropped")', () => {
  // pass_block.sh received_on: `block in` then `pass received-on ${epair_one}b`; pings in on the other
  // interface are blocked. Then the same with an interface group.
  it('passes what came in on the named interface, and blocks what came in elsewhere', () => {
    const rules = 'block in\npass received-on epair0a';
    expect(test(rules, { on: 'epair0a' })).toMatchObject({ action: 'pass', line: 2 });
    expect(test(rules, { on: 'epair1a' })).toMatchObject({ action: 'block', line: 1 });
  });

  it('after routing: an outgoing packet matches by the interface it came in on (Packet.rcvif)', () => {
    const { ruleset, ctx } = load('block out\npass out received-on epair0a');
    const routed = { ...packet({ dir: 'out', on: 'ixl0' }), rcvif: 'epair0a' };
    expect(decide(ctx, ruleset, routed).rule?.line).toBe(2);
    expect(decide(ctx, ruleset, { ...routed, rcvif: 'epair1a' }).rule?.line).toBe(1);
    // A packet the stack sent itself came in nowhere.
    expect(decide(ctx, ruleset, packet({ dir: 'out', on: 'ixl0' })).rule?.line).toBe(1);
  });

  it('received-on a group', () => {
    const rules = 'block in\npass received-on epair';
    expect(test(rules, { on: 'epair1a' })).toMatchObject({ action: 'pass', line: 2 });
    expect(test(rules, { on: 'ixl0' })).toMatchObject({ action: 'block', line: 1 });
  });
});

describe('tables per anchor (defect 7)', () => {
  const rules = ['table <t> { 10.77.0.5 }', 'block in all', 'anchor "a" {', '  pass in from <t>', '}'].join('\n');

  it("an anchor's rule uses the main ruleset's table when the anchor has none (pf_table.c pfrkt_root)", () => {
    const { ruleset, ctx } = load(rules);
    expect(decide(ctx, ruleset, packet({ from: '10.77.0.5' })).rule?.line).toBe(4);
  });

  it("an anchor's own table of that name hides the main one: two declarations, two tables", () => {
    const { ruleset, ctx } = load(rules);
    ruleset.tables.set(tableKey('a', 't'), [
      { negated: false, atom: { kind: 'cidr', family: 4, net: ipv4('10.77.0.6')!, bits: 32, text: '10.77.0.6' } },
    ]);
    expect(decide(ctx, ruleset, packet({ from: '10.77.0.6' })).rule?.line).toBe(4);
    expect(decide(ctx, ruleset, packet({ from: '10.77.0.5' })).rule?.line).toBe(2);
  });
});

describe('what the audit cannot evaluate marks the verdicts it could change', () => {
  it('an unknown table matches nothing, as in pf, and the verdict it could change says so', () => {
    const v = test('block in all\npass in from <jails>', {});
    expect(v).toMatchObject({
      action: 'block',
      line: 1,
      uncertain: 'table <jails> is neither declared nor read from the host',
    });
    // A packet on which the table has no say is not marked.
    expect(test('block in all\npass in on ixl0 from <jails>', {}).uncertain).toBeUndefined();
  });

  it('a rule with an option the audit cannot evaluate is matched on the rest, and marks the verdict', () => {
    expect(test('block in all\npass in all tagged x', {})).toMatchObject({
      action: 'pass',
      line: 2,
      uncertain: expect.stringMatching(/tagged/),
    });
    expect(test('block in all\npass in on ixl0 route-to (ixl0 203.0.113.1) all', {}).uncertain).toBeUndefined();
    // A doubtful rule that would give the same answer changes nothing.
    expect(test('block in all tagged x\nblock in all', {}).uncertain).toBeUndefined();
  });
});
