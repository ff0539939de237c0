import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, isSkipped, type Packet, type Protocol } from '../pf/evaluate';
import { translateIn, translateOut } from '../pf/translate';
import { auditShape, buildAuditTopology, type AuditShape } from '../testing/arbitrary-audit';
import { ipv6Layer, withIpv6 } from '../testing/arbitrary-ipv6';
import type { Topology } from '../topology/schema';
import { Auditor, type Destination, type Source, type Verdict } from './audit';
import { fastPf } from './fast-pf';
import { auditMatrix, cellVerdict, FIXED_DESTINATIONS } from './matrix';
import { referencePf, walk, type Checkpoint, type PfEvaluator } from './walk';

// Properties of the audit on small random networks (core/testing/arbitrary-audit.ts): the fast
// paths (bit-set pf, the verdict-only replay, the matrix's look-alike groups) give the answers of
// the reference evaluation; a host that blocks everything lets nothing through it; unplugging a
// jail never makes anything more reachable.

const RUNS = 200;

const jail = (id: string): Source & Destination => ({ kind: 'stack', id });

/** An auditor whose pf is the reference evaluation (core/pf/evaluate.ts), not the bit sets. */
function referenceAuditor(topology: Topology): Auditor {
  const auditor = new Auditor(topology);
  (auditor as unknown as { pf: PfEvaluator }).pf = referencePf;
  return auditor;
}

function destinations(auditor: Auditor): Destination[] {
  return [...FIXED_DESTINATIONS, ...auditor.net.stacks.filter((s) => s.kind === 'jail').map((s) => jail(s.id))];
}

/** Every jail (and the host, and the LAN) to every destination; a jail to itself is left out. */
function pairs(auditor: Auditor): [Source, Destination][] {
  const sources: Source[] = [
    ...auditor.net.stacks.map((s) => jail(s.id)),
    ...auditor.net.lans.map((l) => ({ kind: 'lan' as const, id: l.id })),
  ];
  return sources.flatMap((source) =>
    destinations(auditor)
      .filter((d) => !(d.kind === 'stack' && source.kind === 'stack' && d.id === source.id))
      .map((d): [Source, Destination] => [source, d]),
  );
}

const label = (source: Source, destination: Destination) =>
  `${JSON.stringify(source)} → ${JSON.stringify(destination)}`;

describe('the fast paths give the reference answers', () => {
  it('matrix cells, verdict() and pair() agree with pair() on the reference pf', () => {
    fc.assert(
      fc.property(auditShape, (shape) => {
        const topology = buildAuditTopology(shape);
        const reference = referenceAuditor(topology);
        const fast = new Auditor(topology);
        const verdictOnly = new Auditor(topology);
        for (const [source, destination] of pairs(reference)) {
          const expected = reference.pair(source, destination).verdict;
          expect(verdictOnly.verdict(source, destination), `verdict() ${label(source, destination)}`).toBe(expected);
          expect(fast.pair(source, destination).verdict, `pair() ${label(source, destination)}`).toBe(expected);
        }
        const matrix = auditMatrix(new Auditor(topology));
        matrix.sources.forEach((source, row) => {
          matrix.destinations.forEach((destination, col) => {
            const cell = cellVerdict(matrix, row, col);
            if (destination.kind === 'stack' && destination.id === source) expect(cell).toBe('self');
            else
              expect(cell, `matrix ${label(jail(source), destination)}`).toBe(
                reference.pair(jail(source), destination).verdict,
              );
          });
        });
      }),
      {
        numRuns: RUNS,
        // Found by this property: icmp decided by `pass proto icmp` escapes the nat-to of the pass rule
        // that decides tcp and udp, so nat is not the same for every probe.
        examples: [
          [
            {
              bridges: 2,
              jails: [1, 1],
              lan: true,
              internet: false,
              forwarding: true,
              bridgeFilter: undefined,
              hostRules: [
                'table <t> {  }',
                'pass out on ixl0 from 10.0.0.0/8 nat-to 192.168.1.10',
                'pass proto icmp all',
              ],
              nat: [],
              jailRules: new Map(),
            },
          ],
        ],
      },
    );
  }, 180_000);

  it('fast-pf decides and translates every packet as evaluate.ts does', () => {
    const PORTS = [22, 80, 999, 1000, 1024, 1025, 2000, 2001, 47123, 50000];
    const packets = (shape: AuditShape) => {
      const addresses = [
        0x0a000001, 0x0a000002, 0x0a000003, 0x0a010001, 0x0a010005, 0x0a020003, 0xc0a8010a, 0xc0a801fe, 0xcb007150,
        0xc6336401, 0x7f000001, 0x08080808,
      ];
      const interfaces = [
        'ixl0',
        'lo0',
        'nothing0',
        ...Array.from({ length: shape.bridges }, (_, b) => `bridge${b}`),
        ...shape.jails.map((_, j) => `epair${j}a`),
      ];
      return fc.array(
        fc.record({
          proto: fc.constantFrom<Protocol>('tcp', 'udp', 'icmp'),
          src: fc.constantFrom(...addresses),
          dst: fc.constantFrom(...addresses),
          sport: fc.constantFrom(...PORTS),
          dport: fc.constantFrom(...PORTS),
          iface: fc.constantFrom(...interfaces),
          rcvif: fc.option(fc.constantFrom(...interfaces), { nil: undefined }),
          direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
        }),
        { minLength: 1, maxLength: 60 },
      );
    };
    fc.assert(
      fc.property(
        auditShape.chain((shape) => fc.tuple(fc.constant(shape), packets(shape))),
        ([shape, list]) => {
          const auditor = new Auditor(buildAuditTopology(shape));
          const host = auditor.net.stacks.find((s) => s.kind === 'host')!;
          const { ctx, ruleset } = host.pf!;
          const fast = fastPf();
          for (const spec of list) {
            const packet: Packet = {
              proto: spec.proto,
              src: spec.src,
              dst: spec.dst,
              iface: spec.iface,
              ...(spec.rcvif === undefined ? {} : { rcvif: spec.rcvif }),
              direction: spec.direction,
              ...(spec.proto === 'icmp' ? {} : { sport: spec.sport, dport: spec.dport }),
            };
            const want = decide(ctx, ruleset, packet);
            const got = fast.decide(host, packet);
            expect(
              {
                action: got.action,
                rule: got.rule?.text,
                line: got.rule?.line,
                keepState: got.keepState,
                skipped: !!got.skipped,
                translations: got.translations,
                packet: got.packet,
                uncertain: got.uncertain,
              },
              JSON.stringify(spec),
            ).toEqual({
              action: want.action,
              rule: want.rule?.text,
              line: want.rule?.line,
              keepState: want.keepState,
              skipped: !!want.skipped,
              translations: want.translations,
              packet: want.packet,
              uncertain: want.uncertain,
            });
            expect(got.rule).toBe(want.rule);
            expect(got.uncertain, `uncertain ${JSON.stringify(spec)}`).toEqual(want.uncertain);
            expect(got.translations).toBe(want.translations);
            const nat = translateOut(ctx, ruleset, packet);
            const fastNat = fast.nat(host, packet);
            expect(fastNat?.address, `nat ${JSON.stringify(spec)}`).toBe(nat?.src);
            expect(fastNat?.rule).toBe(nat?.rule);
            const rdr = translateIn(ctx, ruleset, packet);
            const fastRdr = fast.rdr(host, packet);
            expect([fastRdr?.address, fastRdr?.port, fastRdr?.pass], `rdr ${JSON.stringify(spec)}`).toEqual([
              rdr?.dst,
              rdr?.dport,
              rdr?.pass,
            ]);
            expect(fastRdr?.rule).toBe(rdr?.rule);
          }
        },
      ),
      // Cheap: no walks, so more rulesets.
      { numRuns: 4 * RUNS },
    );
  }, 180_000);
});

describe('a host that blocks everything', () => {
  it('lets no trip that meets its pf through: every such pair is blocked', () => {
    fc.assert(
      fc.property(auditShape, (shape) => {
        const topology = buildAuditTopology(shape, { hostRules: (rules) => ['block drop quick all', ...rules] });
        const auditor = referenceAuditor(topology);
        const net = auditor.net;
        const host = net.stacks.find((s) => s.kind === 'host')!;
        const pf = host.pf!;
        // Where the host's pf really looks: a checkpoint in the host on an interface it does not skip.
        const metHost = (points: Checkpoint[]) =>
          points.some((p) => p.stack === host && !p.nat && !p.rdr && !isSkipped(pf.ctx, pf.ruleset, p.iface));
        for (const [source, destination] of pairs(auditor)) {
          if (source.kind !== 'stack' || source.id === 'host') continue;
          const from = auditor.place(source)!;
          const { addresses, missing } = auditor.targets(destination);
          if (missing) continue;
          const result = auditor.pair(source, destination, { trace: true });
          const met = addresses.map((address) => {
            const record: Checkpoint[] = [];
            walk(net, from, address, auditor.probesOf(4)[0]!, { record, pf: referencePf });
            return metHost(record);
          });
          if (met.every(Boolean)) expect(result.verdict, label(source, destination)).toBe('blocked');
          if (result.verdict === 'reachable') {
            // Neither way met the host's pf anywhere it looks.
            const steps = [...result.explained!.forward.steps, ...(result.explained!.reply?.steps ?? [])];
            expect(
              steps.filter(
                (s) => s.stack === 'host' && (s.kind === 'pf' || s.kind === 'drop') && !s.text.includes('(set skip)'),
              ),
              label(source, destination),
            ).toEqual([]);
          }
        }
      }),
      { numRuns: RUNS },
    );
  }, 180_000);
});

describe('Auditor.arrivals', () => {
  // One walk of the first probe there and back, pf replayed for the others: what it says of each
  // probe is what walking that probe says, or it says 'walk'.
  it('tells each probe to an address as walking it does', () => {
    fc.assert(
      fc.property(auditShape, fc.option(ipv6Layer, { nil: undefined }), (shape, layer) => {
        const plain = buildAuditTopology(shape);
        const auditor = new Auditor(layer ? withIpv6(plain, layer) : plain);
        const sources = [
          ...auditor.net.lans.map((l) => ({ kind: 'lan' as const, id: l.id })),
          ...auditor.net.stacks.map((s) => jail(s.id)),
        ];
        const addresses = auditor.net.stacks.flatMap((s) =>
          s.interfaces.flatMap((i) => i.addresses.map((a) => a.address)),
        );
        for (const source of sources) {
          const from = auditor.place(source)!;
          for (const address of addresses) {
            const probes = auditor.probesOf(typeof address === 'bigint' ? 6 : 4);
            const known = auditor.arrivals(from, address, probes);
            if (!known) continue;
            const end = known.trip.outcome;
            for (const probe of probes) {
              const fate = known.fates.get(probe)!;
              if (fate === 'walk') continue;
              const walked = auditor.probeOnce(
                from,
                address,
                probe,
                end.kind === 'delivered' ? end.at : undefined,
                false,
              );
              const label = `${JSON.stringify(source)} → ${address}:${probe.proto}/${probe.port}`;
              expect(fate, label).toBe(
                walked.verdict === 'reachable' || walked.verdict === 'one-way' ? walked.verdict : false,
              );
            }
          }
        }
      }),
      { numRuns: 120 },
    );
  }, 180_000);
});

/**
 * jail → host: at 10.0.0.1 every probe arrives and no reply comes back; at 10.1.0.1 and 10.2.0.1 udp,
 * icmp and tcp up to 1024 come back and tcp above is refused. One more tcp port named tipped it.
 */
const SPLIT_HOST: AuditShape = {
  bridges: 3,
  jails: [2, 1, 2, 2],
  lan: false,
  internet: false,
  forwarding: true,
  bridgeFilter: undefined,
  hostRules: [
    'table <t> {  }',
    'block return in proto tcp to { !10.0.0.0/8 !10.0.0.1 } port > 1024',
    'block drop quick from bridge0:network to any',
  ],
  nat: [],
  jailRules: new Map(),
};

describe('a rule that matches nothing', () => {
  // The verdicts are about kinds of traffic, not about how many probes stand for one: naming one
  // more port in a rule no packet meets (`on` an interface no stack has) splits no kind of traffic,
  // so no verdict in either family may move. Counting probes to choose among the host's addresses
  // once let such a port tip partial into one-way (probe-families.test.ts).
  const portRule = fc.record({
    proto: fc.constantFrom('tcp', 'udp'),
    port: fc.integer({ min: 1, max: 65535 }),
    range: fc.boolean(),
    family: fc.constantFrom('', ' inet', ' inet6'),
  });
  it('changes no verdict, whatever ports it names', () => {
    fc.assert(
      fc.property(
        auditShape,
        fc.option(ipv6Layer, { nil: undefined }),
        fc.array(portRule, { minLength: 1, maxLength: 12 }),
        (shape, layer, rules) => {
          const plain = buildAuditTopology(shape);
          const before = layer ? withIpv6(plain, layer) : plain;
          const after = structuredClone(before);
          const lines = rules.map(
            ({ proto, port, range, family }) =>
              `block drop in quick on nosuch0${family} proto ${proto} to any port ${range ? `${port}:65535` : port}`,
          );
          for (const stack of after.stacks)
            if (stack.pf?.enabled) stack.pf.rules = [stack.pf.rules, ...lines].filter(Boolean).join('\n');
          const [was, is] = [auditMatrix(new Auditor(before)), auditMatrix(new Auditor(after))];
          expect([...is.cells]).toEqual([...was.cells]);
          expect(is.cells6 && [...is.cells6]).toEqual(was.cells6 && [...was.cells6]);
        },
      ),
      {
        // Rare in random networks (about one in 500 before the fix): the host's addresses must get
        // different verdicts that the count of probes weighs. Found so, and kept as an example.
        numRuns: 500,
        examples: [[SPLIT_HOST, undefined, [{ proto: 'tcp', port: 1026, range: false, family: '' }]]],
      },
    );
  }, 180_000);
});

describe('unplugging a jail', () => {
  const rank = (v: Verdict): number => ({ reachable: 3, partial: 2, 'one-way': 1, blocked: 0, 'no-route': 0 })[v];

  // Removing an epair from its bridge never makes a pair better off (reachable > partial > one-way >
  // blocked = no-route). It holds because a trip's way through the model does not depend on what
  // else is plugged in: routes are the stacks' own, a bridge hands a frame to the one member behind
  // which the next hop answers, and pf sees the same packets on the ways that remain. It is narrowed
  // to networks where every address is unique (the generator's): with two jails on one address the
  // bridge delivers to the first that answers, and unplugging it lets the other answer instead,
  // which can be better (audit.test.ts "can make a duplicate address reachable"); that is the model
  // being right, as ARP would find the remaining one.
  it('never makes a pair more reachable', () => {
    fc.assert(
      fc.property(auditShape, fc.nat(), (shape, pick) => {
        const before = buildAuditTopology(shape);
        const after = buildAuditTopology(shape);
        const bridges = after.stacks[0]!.interfaces.filter((i) => i.kind === 'bridge' && i.members.length > 0);
        fc.pre(bridges.length > 0);
        const bridge = bridges[pick % bridges.length]!;
        if (bridge.kind !== 'bridge') return;
        bridge.members.splice(pick % bridge.members.length, 1);
        const was = new Auditor(before);
        const is = new Auditor(after);
        for (const [source, destination] of pairs(was)) {
          const old = was.verdict(source, destination);
          const now = is.verdict(source, destination);
          expect(rank(now), `${label(source, destination)}: ${old} → ${now}`).toBeLessThanOrEqual(rank(old));
        }
      }),
      { numRuns: RUNS },
    );
  }, 180_000);
});
