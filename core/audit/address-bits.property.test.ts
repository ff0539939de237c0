import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyOf, parseAddr, type Addr } from '../net/addr';
import { hostMatches } from '../pf/evaluate';
import { load } from '../pf/evaluate-test-support';
import type { AnchorRule, FilterRule, Rule } from '../pf/ruleset';
import { AddressBits, type FlatRule } from './address-bits';

// AddressBits (prefix lookups) against asking every rule and its anchors the way pf matches an
// address (match.ts hostMatches, with the rule's `inet` / `inet6`), on random rulesets mixing
// IPv4 and IPv6 prefixes, `any`, negations, tables, interface names and anchors.

const HOSTS = [
  'any',
  '10.0.0.0/8',
  '10.1.2.0/24',
  '10.1.2.3',
  '!10.1.2.0/24',
  '192.168.1.0/24',
  '<jails>',
  'ixl0',
  '2001:db8::/32',
  '2001:db8:1:2::/64',
  '2001:db8:1:2::3',
  '!2001:db8:1::/48',
  '::/0',
  '0.0.0.0/0',
  '{ 10.1.0.0/16, 2001:db8:1::/48 }',
  '(ixl0)',
];
const ADDRESSES = [
  '10.1.2.3',
  '10.1.2.4',
  '10.9.0.1',
  '192.168.1.10',
  '203.0.113.5',
  '8.8.8.8',
  '2001:db8:1:2::3',
  '2001:db8:1:2::4',
  '2001:db8:1:3::1',
  '2001:db8:2::1',
  '2001:4860::8888',
  '10.77.0.5',
].map((a) => parseAddr(a)!.address);

const ruleText = fc
  .record({
    action: fc.constantFrom('pass', 'block'),
    family: fc.constantFrom('', 'inet ', 'inet6 '),
    from: fc.constantFrom(...HOSTS),
    to: fc.constantFrom(...HOSTS),
  })
  .map((r) => `${r.action} ${r.family}from ${r.from} to ${r.to}`);

const rulesetText = fc
  .array(
    fc.oneof(
      ruleText,
      fc
        .tuple(fc.constantFrom('', 'inet ', 'inet6 '), fc.constantFrom(...HOSTS), fc.array(ruleText, { maxLength: 4 }))
        .map(([family, host, body]) => `anchor "a" ${family}from ${host} to any {\n${body.join('\n')}\n}`),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((lines) => ['table <jails> { 10.1.2.0/24, 2001:db8:1:2::/64 }', ...lines, 'pass from any to any'].join('\n'));

function flatten(rules: readonly Rule[], chain: AnchorRule[], into: FlatRule[]): FlatRule[] {
  for (const rule of rules) {
    if (rule.kind === 'filter') into.push({ rule, chain });
    else if (rule.kind === 'anchor' && rule.body) flatten(rule.body, [...chain, rule], into);
  }
  return into;
}

describe('AddressBits', () => {
  it('gives every rule whose address part (and its anchors) holds the address, as pf matches it', () => {
    fc.assert(
      fc.property(rulesetText, fc.constantFrom<'from' | 'to'>('from', 'to'), (text, side) => {
        const { ruleset, ctx } = load(text, 'filter');
        const flat = flatten(ruleset.filter, [], []);
        expect(flat.length).toBeGreaterThan(0);
        const words = Math.max(1, Math.ceil(flat.length / 32));
        const index = new AddressBits(ctx, flat, side, words);
        const fits = (part: FilterRule | AnchorRule, address: Addr) =>
          (part.family === undefined || part.family === familyOf(address)) &&
          hostMatches(ctx, { terms: part[side].terms }, address, undefined);
        for (const address of ADDRESSES) {
          const bits = index.of(address);
          const got = flat.map((_, i) => ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1);
          const want = flat.map((f) => fits(f.rule, address) && f.chain.every((a) => fits(a, address)));
          expect(got, `${text}\n${side} ${String(address)}`).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
