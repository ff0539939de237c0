import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv4, ipv4 } from '../net/ipv4';
import { decide, type Packet, type Protocol } from './evaluate';
import { load, packet } from './evaluate-test-support';
import { pfTest } from './translate';

// Translation and filtering together agree with the reference filter evaluation (decide) on generated
// rulesets: translation comes first and the filter rules see the translated packet; `rdr pass` skips
// them; with no translation rule pfTest is decide; an rdr-anchor around the rules changes nothing.

const ADDRESSES = ['10.77.0.0/24', '10.77.0.5', '10.99.0.1', '203.0.113.5', '<lan>', '(ixl0)', 'self', 'any'];
const address = fc
  .tuple(fc.boolean(), fc.constantFrom(...ADDRESSES))
  .map(([neg, a]) => (neg && a !== 'any' ? `! ${a}` : a));
const filterRule = fc
  .record({
    action: fc.constantFrom('pass', 'block'),
    dir: fc.constantFrom('', 'in', 'out'),
    quick: fc.boolean(),
    on: fc.option(fc.constantFrom('epair0a', 'epair', 'ixl0'), { nil: undefined }),
    proto: fc.constantFrom('', 'tcp', 'udp', 'icmp'),
    from: address,
    to: address,
    port: fc.option(fc.constantFrom('22', '80', '8080', '> 1024'), { nil: undefined }),
  })
  .map((r) =>
    [
      r.action,
      r.dir,
      r.quick ? 'quick' : '',
      r.on ? `on ${r.on}` : '',
      r.proto ? `proto ${r.proto}` : '',
      `from ${r.from} to ${r.to}${r.port && (r.proto === 'tcp' || r.proto === 'udp') ? ` port ${r.port}` : ''}`,
    ]
      .filter(Boolean)
      .join(' '),
  );
const filters = fc.array(filterRule, { maxLength: 6 });

const pkt = fc
  .record({
    proto: fc.constantFrom<Protocol>('tcp', 'udp', 'icmp'),
    from: fc.constantFrom('10.77.0.5', '198.51.100.7', '192.168.1.7', '203.0.113.5'),
    to: fc.constantFrom('203.0.113.5', '10.77.0.1', '10.77.0.5', '1.1.1.1'),
    dport: fc.constantFrom(22, 80, 2001, 8080),
    on: fc.constantFrom('epair0a', 'ixl0'),
    dir: fc.constantFrom<'in' | 'out'>('in', 'out'),
  })
  .map(packet);

const TABLE = 'table <lan> { 192.168.1.0/24, !192.168.1.7 }';
const summary = (d: { action: string; rule?: { line: number }; keepState: boolean }) => [
  d.action,
  d.rule?.line,
  d.keepState,
];

/** An rdr for exactly this packet's interface, protocol, destination and port (one more line above the rules). */
function rdrFor(p: Packet, pass: boolean): string {
  const port = p.proto === 'icmp' ? '' : ` port ${p.dport}`;
  const target = p.proto === 'icmp' ? '10.99.0.1' : '10.99.0.1 port 9000';
  return `rdr${pass ? ' pass' : ''} on ${p.iface} proto ${p.proto} from any to ${formatIpv4(p.dst as number)}${port} -> ${target}`;
}

describe('pfTest: translation and filtering over generated rulesets', () => {
  it('with no translation rule, pfTest decides as decide does', () => {
    fc.assert(
      fc.property(filters, pkt, (body, p) => {
        const { ruleset, ctx } = load([TABLE, ...body].join('\n'));
        const verdict = pfTest(ctx, ruleset, p);
        expect(summary(verdict)).toEqual(summary(decide(ctx, ruleset, p)));
        expect(verdict.out).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('an inbound rdr translates first, and the filter rules decide on the translated packet', () => {
    fc.assert(
      fc.property(filters, pkt, (body, p) => {
        const asked: Packet = { ...p, direction: 'in' };
        const { ruleset, ctx } = load([TABLE, rdrFor(asked, false), ...body].join('\n'));
        const verdict = pfTest(ctx, ruleset, asked);
        const translated: Packet = { ...asked, dst: ipv4('10.99.0.1')! };
        if (asked.proto !== 'icmp') translated.dport = 9000;
        expect(verdict.translation?.rule.line).toBe(2);
        expect(verdict.translation?.packet).toEqual(translated);
        expect(summary(verdict)).toEqual(summary(decide(ctx, ruleset, translated)));
      }),
      { numRuns: 300 },
    );
  });

  it('`rdr pass` passes whatever the filter rules say, with state', () => {
    fc.assert(
      fc.property(filters, pkt, (body, p) => {
        const asked: Packet = { ...p, direction: 'in' };
        const { ruleset, ctx } = load([TABLE, 'block drop quick all', rdrFor(asked, true), ...body].join('\n'));
        const verdict = pfTest(ctx, ruleset, asked);
        expect([verdict.action, verdict.rule, verdict.keepState, verdict.translation?.rule.line]).toEqual([
          'pass',
          undefined,
          true,
          3,
        ]);
        expect(formatIpv4(verdict.out.dst as number)).toBe('10.99.0.1');
      }),
      { numRuns: 200 },
    );
  });

  it('an outbound nat translates first; the filter rules see the new source', () => {
    fc.assert(
      fc.property(filters, pkt, (body, p) => {
        const asked: Packet = { ...p, direction: 'out', iface: 'ixl0' };
        const { ruleset, ctx } = load([TABLE, 'nat on ixl0 from any to any -> (ixl0)', ...body].join('\n'));
        const verdict = pfTest(ctx, ruleset, asked);
        const translated: Packet = { ...asked, src: ipv4('203.0.113.5')! };
        expect(verdict.out.src).toBe(translated.src);
        expect(summary(verdict)).toEqual(summary(decide(ctx, ruleset, translated)));
      }),
      { numRuns: 200 },
    );
  });

  it('moving the translation rules into an rdr-anchor / nat-anchor body changes nothing', () => {
    fc.assert(
      fc.property(filters, pkt, fc.boolean(), (body, p, pass) => {
        const rdr = rdrFor({ ...p, direction: 'in' }, pass);
        const nat = 'nat on ixl0 from 10.77.0.0/24 to any -> 203.0.113.9';
        const flat = load([TABLE, rdr, nat, ...body].join('\n'));
        const hooked = load(
          [TABLE, 'rdr-anchor "rdr/*" all {', `  ${rdr}`, '}', 'nat-anchor "n" all {', `  ${nat}`, '}', ...body].join(
            '\n',
          ),
        );
        const a = pfTest(flat.ctx, flat.ruleset, p);
        const b = pfTest(hooked.ctx, hooked.ruleset, p);
        expect([b.action, b.keepState, b.rule?.text, b.out]).toEqual([a.action, a.keepState, a.rule?.text, a.out]);
        expect(b.translation?.rule.text).toBe(a.translation?.rule.text);
      }),
      { numRuns: 200 },
    );
  });
});
