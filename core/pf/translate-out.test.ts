import { describe, expect, it } from 'vitest';
import { formatAddr } from '../net/addr';
import { load, packet, type PacketSpec } from './evaluate-test-support';
import { translateOut } from './translate';

// Outbound translation as the audit's walk asks it (translateOut): the first match wins, `no nat`
// stops, targets resolve to an interface's address.

describe('translateOut: nat (pf.conf(5) TRANSLATION)', () => {
  function nat(text: string, spec: PacketSpec) {
    const { ruleset, ctx } = load(text);
    const result = translateOut(ctx, ruleset, packet({ on: 'ixl0', dir: 'out', ...spec }));
    return result && { line: result.rule.line, address: formatAddr(result.src) };
  }

  it('the first matching nat rule wins', () => {
    const rules =
      'nat on ixl0 from 10.77.0.0/24 to any -> 203.0.113.100\nnat on ixl0 from 10.77.0.0/16 to any -> (ixl0)';
    expect(nat(rules, { from: '10.77.0.5' })).toEqual({ line: 1, address: '203.0.113.100' });
    expect(nat(rules, { from: '10.77.1.5' })).toEqual({ line: 2, address: '203.0.113.5' });
    expect(nat(rules, { from: '10.99.0.5' })).toBeUndefined();
  });

  it("`-> (ixl0)` and `-> ixl0` use the interface's first IPv4 address", () => {
    expect(nat('nat on ixl0 from any to any -> (ixl0)', {})).toEqual({ line: 1, address: '203.0.113.5' });
    expect(nat('nat on ixl0 from any to any -> ixl0', {})).toEqual({ line: 1, address: '203.0.113.5' });
  });

  it('`no nat` stops translation for what it matches', () => {
    const rules = 'no nat on ixl0 from 10.77.0.0/24 to 192.168.1.0/24\nnat on ixl0 from 10.77.0.0/24 to any -> (ixl0)';
    expect(nat(rules, { to: '192.168.1.9' })).toBeUndefined();
    expect(nat(rules, { to: '1.1.1.1' })).toEqual({ line: 2, address: '203.0.113.5' });
  });

  it('nat applies to packets going out, on the interface it names', () => {
    const rules = 'nat on ixl0 from 10.77.0.0/24 to any -> (ixl0)';
    expect(nat(rules, { dir: 'in' })).toBeUndefined();
    expect(nat(rules, { on: 'epair1a' })).toBeUndefined();
    expect(nat('nat on egress from 10.77.0.0/24 to any -> (ixl0)', {})).toEqual({ line: 1, address: '203.0.113.5' });
    expect(nat('nat on ! ixl0 from 10.77.0.0/24 to any -> (ixl0)', {})).toBeUndefined();
  });

  it('nat conditions: tables, negation, protocol', () => {
    const rules = 'table <lan> { 192.168.1.0/24 }\nnat on ixl0 inet proto udp from 10.77.0.0/24 to ! <lan> -> (ixl0)';
    expect(nat(rules, { proto: 'udp', to: '8.8.8.8' })).toEqual({ line: 2, address: '203.0.113.5' });
    expect(nat(rules, { proto: 'udp', to: '192.168.1.1' })).toBeUndefined();
    expect(nat(rules, { proto: 'tcp', to: '8.8.8.8' })).toBeUndefined();
  });

  it('rdr rules are not nat', () => {
    expect(nat('rdr on ixl0 proto tcp from any to any port 80 -> 10.77.0.5 port 8080', {})).toBeUndefined();
  });

  it('nat rules in anchors, as `pfctl -sn -a *` lists them; a `no nat` inside stops everything', () => {
    const rules = [
      'nat-anchor "patchbay/*" all {',
      '  no nat on ixl0 from 10.77.0.9 to any',
      '  nat on ixl0 from 10.77.0.0/24 to any -> (ixl0)',
      '}',
      'nat on ixl0 from any to any -> 203.0.113.9',
    ].join('\n');
    const { ruleset, ctx } = load(rules, 'translation');
    const at = (from: string) => {
      const r = translateOut(ctx, ruleset, packet({ from, on: 'ixl0', dir: 'out' }));
      return r && [r.rule.line, r.rule.anchor, formatAddr(r.src)];
    };
    expect(at('10.77.0.5')).toEqual([3, 'patchbay', '203.0.113.5']);
    expect(at('10.77.0.9')).toBeUndefined();
    expect(at('10.78.0.5')).toEqual([5, '', '203.0.113.9']);
  });

  it('no nat on a skipped interface', () => {
    expect(nat('set skip on ixl0\nnat on ixl0 from any to any -> (ixl0)', {})).toBeUndefined();
  });
});
