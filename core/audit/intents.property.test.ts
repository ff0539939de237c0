import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditShape, buildAuditTopology, type AuditShape } from '../testing/arbitrary-audit';
import type { Intent, Topology } from '../topology/schema';
import { Auditor } from './audit';
import { checkIntents } from './intent-check';

// Intents compiled to pf hold in the audit. The networks are the audit properties' own, run with
// Patchbay's anchors only (a design that has not read any host pf), jails without pf of their own,
// pfil on (the kernel default), nat of every jail net out of the LAN uplink. Intents that contradict
// each other by construction are not drawn: one subject intent per jail, and "may reach" only
// between jails no subject intent is about (a may-reach exception deliberately wins over isolation),
// or from such a jail to the LAN or the internet; "deny" likewise, one pair intent per pair. A pair
// intent with a port is judged on that port, as it compiles (`port N`): a deny of tcp/N alone leaves
// the other ports open and still holds.

const SUBJECT_KINDS = ['isolated', 'internet-only', 'lan-only', 'unreachable'] as const;

const case_ = auditShape.chain((shape) =>
  fc.record({
    shape: fc.constant<AuditShape>({
      ...shape,
      jailRules: new Map(),
      bridgeFilter: undefined,
      hostRules: [],
      forwarding: true,
      lan: true,
    }),
    kinds: fc.array(fc.option(fc.constantFrom(...SUBJECT_KINDS), { nil: undefined }), {
      minLength: shape.jails.length,
      maxLength: shape.jails.length,
    }),
    mayReach: fc.array(
      fc.record({
        kind: fc.constantFrom('may-reach' as const, 'deny' as const),
        from: fc.nat(shape.jails.length - 1),
        // A jail, or the LAN or the internet: their may-reach with a port is judged on that port.
        to: fc.oneof(fc.nat(shape.jails.length - 1), fc.constantFrom('lan' as const, 'internet' as const)),
        port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
  }),
);

function build(
  c: {
    shape: Parameters<typeof buildAuditTopology>[0];
    kinds: ((typeof SUBJECT_KINDS)[number] | undefined)[];
    mayReach: { kind: 'may-reach' | 'deny'; from: number; to: number | 'lan' | 'internet'; port?: number }[];
  },
  withIntents: boolean,
): Topology {
  const t = buildAuditTopology(c.shape);
  const host = t.stacks[0]!;
  delete host.pf;
  host.nat = [{ egress: 'host:ixl0', sources: ['10.0.0.0/8'] }];
  if (!withIntents) return t;
  const intents: Intent[] = [];
  c.kinds.forEach((kind, j) => {
    if (kind) intents.push({ kind, id: `i${j}`, subject: { kind: 'stack', id: `j${j}` } });
  });
  // One pair intent per pair: "may reach" and "deny" between the same two would contradict.
  const pairs = new Set<string>();
  c.mayReach.forEach(({ kind, from, to, port }, k) => {
    if (from === to || c.kinds[from] || (typeof to === 'number' && c.kinds[to])) return;
    if ((to === 'internet' && !c.shape.internet) || pairs.has(`${from}→${to}`)) return;
    pairs.add(`${from}→${to}`);
    intents.push({
      kind,
      id: `m${k}`,
      from: { kind: 'stack', id: `j${from}` },
      to: typeof to === 'number' ? { kind: 'stack', id: `j${to}` } : { kind: 'segment', id: to },
      protocol: port ? 'tcp' : 'any',
      ports: port ? [port] : [],
    });
  });
  return { ...t, intents };
}

describe('intents compiled to pf', () => {
  it('never let through what an intent forbids, and keep open what it allows where the wire allows it', () => {
    fc.assert(
      fc.property(case_, (c) => {
        const design = build(c, true);
        const open = new Auditor(build(c, false));
        const results = checkIntents(new Auditor(design), design);
        for (const result of results) {
          for (const violation of result.violations) {
            // Forbidden traffic never gets through.
            expect(
              violation.expected,
              `${result.intent.id}: ${violation.pair} ${violation.found} ${violation.reason}`,
            ).toBe('reachable');
            // Allowed traffic is missing only where the network without any pf could not carry it either.
            expect(
              open.pair(violation.source, violation.destination).verdict,
              `${result.intent.id}: ${violation.pair}: ${violation.reason}`,
            ).not.toBe('reachable');
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
