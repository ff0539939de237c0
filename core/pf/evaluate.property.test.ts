import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type Protocol } from './evaluate';
import { load, packet, verdict } from './evaluate-test-support';

// Properties of pf's decision over generated rulesets (fast-check).

describe('decide: properties over generated rulesets', () => {
  const ADDRESSES = [
    '10.77.0.0/24',
    '10.77.0.5',
    '10.78.0.0/16',
    '203.0.113.5',
    '<lan>',
    '(ixl0)',
    'ixl0:network',
    'self',
    'fd00::/8',
  ];
  const address = fc.tuple(fc.boolean(), fc.constantFrom(...ADDRESSES)).map(([neg, a]) => (neg ? `! ${a}` : a));
  const host = fc.oneof(
    fc.constant('any'),
    address,
    fc.array(address, { minLength: 1, maxLength: 3 }).map((items) => `{ ${items.join(', ')} }`),
  );
  const port = fc.constantFrom(
    '80',
    '= 22',
    '!= 22',
    '< 1024',
    '>= 1024',
    '2000:2004',
    '2000 >< 2004',
    '2000 <> 2004',
    'www',
    '{ 22, 443 }',
  );
  const iface = fc
    .tuple(fc.boolean(), fc.constantFrom('epair0a', 'epair', 'ixl0', 'lo0'))
    .map(([neg, name]) => `on ${neg ? '! ' : ''}${name}`);

  const rule = fc
    .record({
      action: fc.constantFrom('pass', 'block', 'match'),
      dir: fc.constantFrom('', 'in', 'out'),
      quick: fc.boolean(),
      on: fc.option(iface),
      af: fc.constantFrom('', '', 'inet', 'inet6'),
      proto: fc.constantFrom('', 'tcp', 'udp', 'icmp', '{ tcp udp }'),
      from: host,
      to: host,
      port: fc.option(port),
      state: fc.constantFrom('', 'no state', 'keep state'),
    })
    .map((r) => {
      const ports = r.port && r.proto !== '' && r.proto !== 'icmp' ? ` port ${r.port}` : '';
      const state = r.action === 'pass' ? r.state : '';
      return [
        r.action,
        r.dir,
        r.quick ? 'quick' : '',
        r.on ?? '',
        r.af,
        r.proto ? `proto ${r.proto}` : '',
        `from ${r.from} to ${r.to}${ports}`,
        state,
      ]
        .filter(Boolean)
        .join(' ');
    });

  /** Rules and anchors (with conditions, maybe quick, nested once), as lines of pf.conf. */
  const lines: fc.Arbitrary<string[]> = fc.letrec<{ item: string[]; items: string[] }>((tie) => ({
    item: fc.oneof(
      { weight: 4, arbitrary: rule.map((r) => [r]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('', 'quick', 'in', 'out quick', 'on epair', 'proto tcp'), tie('items'))
          .map(([cond, body]) => [`anchor "g" ${cond} {`.replace(/\s+/g, ' '), ...body.map((l) => `  ${l}`), '}']),
      },
    ),
    items: fc.array(tie('item'), { maxLength: 6 }).map((items) => items.flat()),
  })).items;

  const pkt = fc
    .record({
      proto: fc.constantFrom<Protocol>('tcp', 'udp', 'icmp'),
      from: fc.constantFrom(
        '10.77.0.5',
        '10.77.0.9',
        '10.78.3.4',
        '203.0.113.5',
        '203.0.113.77',
        '192.168.1.7',
        '192.168.1.8',
        '127.0.0.1',
      ),
      to: fc.constantFrom('1.1.1.1', '10.77.0.1', '203.0.113.9', '192.168.1.5'),
      sport: fc.constantFrom(53, 40000),
      dport: fc.constantFrom(22, 80, 443, 1023, 1024, 2000, 2002, 2004, 2005),
      on: fc.constantFrom('epair0a', 'epair1a', 'ixl0', 'lo0', 'bridge0'),
      dir: fc.constantFrom<'in' | 'out'>('in', 'out'),
    })
    .map(packet);

  const TABLE = 'table <lan> { 192.168.1.0/24, !192.168.1.7 }';
  const loadLines = (body: string[]) => load([TABLE, ...body].join('\n'));

  it('prepending `block drop quick all` blocks every packet, by that rule', () => {
    fc.assert(
      fc.property(lines, pkt, (body, p) => {
        const { ruleset, ctx } = load(['block drop quick all', TABLE, ...body].join('\n'));
        expect(verdict(decide(ctx, ruleset, p))).toEqual({
          action: 'block',
          line: 1,
          text: 'block drop quick all',
          keepState: false,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('appending `pass quick all` passes every packet unless the rules before stopped early on a quick match', () => {
    fc.assert(
      fc.property(lines, pkt, (body, p) => {
        const before = loadLines(body);
        const after = loadLines([...body, 'pass quick all']);
        const d = decide(before.ctx, before.ruleset, p);
        const e = decide(after.ctx, after.ruleset, p);
        if (e.rule?.text === 'pass quick all') {
          expect(verdict(e)).toEqual({
            action: 'pass',
            line: body.length + 2,
            text: 'pass quick all',
            keepState: true,
          });
          // Only a quick match could have stopped before the appended rule.
          if (d.rule?.quick) throw new Error('a quick match did not stop the evaluation');
        } else {
          // Something stopped early: the same rule decides, and it was a quick match (or a match in a quick anchor).
          expect(verdict(e)).toEqual(verdict(d));
          expect(d.rule).toBeDefined();
          expect(body.some((l) => /\bquick\b/.test(l))).toBe(true);
        }
        // Being last, it need not be quick: `pass all` appended decides exactly the same packets.
        const plain = loadLines([...body, 'pass all']);
        const f = decide(plain.ctx, plain.ruleset, p);
        expect([f.action, f.rule?.line, f.keepState]).toEqual([e.action, e.rule?.line, e.keepState]);
      }),
      { numRuns: 300 },
    );
  });

  it('wrapping the rules in an unconditional, non-quick anchor changes nothing', () => {
    fc.assert(
      fc.property(lines, pkt, (body, p) => {
        const flat = loadLines(body);
        const wrapped = loadLines(['anchor "w" {', ...body, '}']);
        const d = decide(flat.ctx, flat.ruleset, p);
        const e = decide(wrapped.ctx, wrapped.ruleset, p);
        expect([e.action, e.keepState, e.rule?.text, e.rule && e.rule.line - 1]).toEqual([
          d.action,
          d.keepState,
          d.rule?.text,
          d.rule?.line,
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
